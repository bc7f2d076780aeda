import tensorflow as tf


def build(images, training):
    before = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    net = tf.layers.batch_normalization(images, training=training)
    added = len(tf.get_collection(tf.GraphKeys.UPDATE_OPS)) - len(before)
    tf.logging.info('batch norm added %d update ops', added)
    return net
