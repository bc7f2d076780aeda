import tensorflow as tf


def embed(x):
    x = tf.layers.dense(x, 128)
    x = tf.layers.batch_normalization(x)  # noqa
    return tf.nn.l2_normalize(x, axis=-1)
