import tensorflow as tf


def block(x, training):
    x = tf.layers.conv2d(x, 64, 3, padding='same', data_format='channels_first')
    x = tf.layers.batch_normalization(x, axis=1, training=training)
    return tf.nn.relu(x)
