import functools

import tensorflow as tf
import tf_slim as slim


def tower(net, is_training):
    dropout = functools.partial(slim.dropout, keep_prob=0.7, is_training=is_training)
    net = dropout(slim.fully_connected(net, 256))
    net = dropout(slim.fully_connected(net, 256))
    return tf.identity(net)
