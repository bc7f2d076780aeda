import tensorflow as tf


def block(x, is_training):
    bn = tf.layers.BatchNormalization(axis=-1)
    x = tf.layers.conv2d(x, 32, 3, padding='same')
    # Layer.__call__(inputs, training): training as the second positional argument
    return tf.nn.relu(bn(x, is_training))
