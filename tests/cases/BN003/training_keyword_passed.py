import tensorflow as tf


def residual_unit(x, filters, is_training):
    shortcut = x
    x = tf.layers.batch_normalization(x, training=is_training)
    x = tf.nn.relu(x)
    x = tf.layers.conv2d(x, filters, 3, padding='same')
    x = tf.layers.batch_normalization(x, training=is_training)
    return tf.nn.relu(x + shortcut)
