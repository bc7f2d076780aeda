import tensorflow as tf
import tf_slim

contrib_slim = tf.contrib.slim


def head(net, is_training):
    with tf_slim.arg_scope([tf_slim.dropout], is_training=is_training):
        net = contrib_slim.dropout(net, 0.5, is_training=is_training)
        net = tf_slim.dropout(net, 0.5)
    return net
