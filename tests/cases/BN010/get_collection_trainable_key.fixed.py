import tensorflow as tf


def restore_fn(net, is_training):
    net = tf.contrib.layers.batch_norm(net, is_training=is_training)
    saver = tf.train.Saver(tf.get_collection(tf.GraphKeys.GLOBAL_VARIABLES))
    legacy = tf.train.Saver(tf.get_collection("variables"))
    return net, saver, legacy
