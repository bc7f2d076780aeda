import tensorflow.compat.v1 as tf

tf.disable_eager_execution()

images = tf.placeholder(tf.float32, [None, 784])
hidden = tf.layers.dense(images, 512, activation=tf.nn.relu)
hidden = tf.layers.dropout(hidden, rate=0.4)
logits = tf.layers.dense(hidden, 10)
