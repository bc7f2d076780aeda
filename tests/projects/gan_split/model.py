import tensorflow as tf

from ops import bn, lrelu


def generator(z, is_training):
    with tf.variable_scope("generator"):
        net = tf.layers.dense(z, 4 * 4 * 256)
        net = tf.nn.relu(bn(net, is_training, "g_bn0"))
        return tf.layers.conv2d_transpose(net, 3, 5, strides=2, activation=tf.tanh)


def discriminator(images, is_training, reuse=False):
    with tf.variable_scope("discriminator", reuse=reuse):
        net = lrelu(tf.layers.conv2d(images, 64, 5, strides=2))
        net = lrelu(bn(tf.layers.conv2d(net, 128, 5, strides=2), is_training, "d_bn1"))
        return tf.layers.dense(tf.layers.flatten(net), 1)
