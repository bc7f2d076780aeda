import tensorflow as tf

slim = tf.contrib.slim


def two_norms(x):
    net = slim.batch_norm(  # noqa: BN002
        x, decay=0.9)
    net = slim.batch_norm(
        net, decay=0.9)  # noqa: BN002
    return net
