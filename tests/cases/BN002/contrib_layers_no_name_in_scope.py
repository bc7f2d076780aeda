import tensorflow as tf


def encoder(images):
    net = tf.contrib.layers.conv2d(images, 32, 5, stride=2)
    net = tf.contrib.layers.batch_norm(net, center=True, scale=True)
    return tf.contrib.layers.flatten(net)
