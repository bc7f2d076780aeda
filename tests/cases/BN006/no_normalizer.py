import tensorflow as tf

slim = tf.contrib.slim


def frozen_features(images):
    net = slim.conv2d(images, 64, [3, 3], trainable=False)
    return slim.conv2d(net, 64, [3, 3], trainable=False, activation_fn=None)
