import tensorflow as tf


def build(net, training):
    net = tf.layers.batch_normalization(net, training=training)
    # warm start from a checkpoint that has no moving statistics; they are trained again
    warm_start = tf.train.Saver(tf.trainable_variables())  # noqa: BN010
    return net, warm_start
