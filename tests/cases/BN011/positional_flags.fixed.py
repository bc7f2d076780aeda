import tensorflow as tf

slim = tf.contrib.slim


def head(net, is_training, rate):
    net = slim.dropout(net, 0.5, None, is_training)
    net = tf.layers.dropout(net, rate, None, None, is_training)
    net = tf.layers.dropout(net, rate, None, 7, training=is_training)
    return net
