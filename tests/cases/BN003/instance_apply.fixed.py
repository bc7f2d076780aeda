import tensorflow as tf


def shared_norm(left, right, is_training):
    norm = tf.compat.v1.layers.BatchNormalization(axis=-1, name='shared_bn')
    left = norm.apply(left, training=is_training)
    right = norm.apply(right, training=is_training)
    return tf.concat([left, right], axis=-1)
