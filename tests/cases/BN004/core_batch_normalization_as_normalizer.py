import tensorflow as tf

slim = tf.contrib.slim


def decoder(z, is_training):
    net = slim.fully_connected(z, 1024, normalizer_fn=tf.layers.batch_normalization)
    net = tf.reshape(net, [-1, 4, 4, 64])
    return slim.conv2d_transpose(net, 3, [5, 5], stride=2, activation_fn=tf.nn.tanh)
