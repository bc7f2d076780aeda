import tensorflow as tf


def stem(images, training):
    net = tf.compat.v1.layers.conv2d(images, 64, 7, strides=2, padding='same', data_format='channels_first')
    net = tf.compat.v1.layers.batch_normalization(net, axis=1, fused=True)
    return tf.nn.relu(net)
