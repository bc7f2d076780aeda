import tensorflow as tf

flags = tf.app.flags
flags.DEFINE_bool('batch_norm', False, 'unused in this baseline')


def mlp(x):
    net = tf.layers.dense(x, 512, activation=tf.nn.relu)
    return tf.layers.dense(net, 10)


logits = mlp(tf.placeholder(tf.float32, [None, 784]))
saver = tf.train.Saver(tf.trainable_variables())
