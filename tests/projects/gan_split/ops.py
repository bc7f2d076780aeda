import tensorflow as tf


def bn(x, is_training, name):
    return tf.contrib.layers.batch_norm(x, is_training=is_training, scope=name)


def lrelu(x):
    return tf.maximum(x, 0.2 * x)
