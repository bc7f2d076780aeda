import functools

import tensorflow as tf

slim = tf.contrib.slim


def discriminator(images, is_training):
    norm = functools.partial(slim.batch_norm, is_training=is_training, decay=0.9)
    net = slim.conv2d(images, 64, [4, 4], stride=2, activation_fn=tf.nn.leaky_relu)
    net = slim.conv2d(net, 128, [4, 4], stride=2, normalizer_fn=norm, activation_fn=tf.nn.leaky_relu)
    return slim.fully_connected(slim.flatten(net), 1, activation_fn=None)
