import tensorflow as tf


def generator(z, training):
    with tf.variable_scope('generator'):
        net = tf.layers.dense(z, 4 * 4 * 256)
        net = tf.nn.relu(tf.layers.batch_normalization(net, training=training))
        return tf.layers.dense(net, 784, activation=tf.nn.tanh)


samples = generator(tf.placeholder(tf.float32, [None, 100]), training=False)
generator_saver = tf.train.Saver(
    tf.trainable_variables(scope='generator'),
    max_to_keep=1,
)
