import functools

import tensorflow as tf

slim = tf.contrib.slim


def build_generator(z, is_training):
    bn = functools.partial(slim.batch_norm, is_training=is_training, decay=0.9, updates_collections=None)
    net = slim.fully_connected(z, 4 * 4 * 256, activation_fn=None)
    net = tf.nn.relu(bn(net, scope='g_bn0'))
    net = tf.reshape(net, [-1, 4, 4, 256])
    net = slim.conv2d_transpose(net, 128, [5, 5], stride=2, activation_fn=None)
    net = tf.nn.relu(bn(net, scope='g_bn1'))
    return slim.conv2d_transpose(net, 3, [5, 5], stride=2, activation_fn=tf.nn.tanh)
