import tensorflow as tf
import tf_slim


def norms(x, is_training):
    a = tf.contrib.slim.batch_norm(x, is_training=is_training)
    b = tf_slim.layers.batch_norm(x)
    c = tf_slim.batch_norm(x, is_training=is_training)
    return a + b + c
