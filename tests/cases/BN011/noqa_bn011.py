import tensorflow as tf

slim = tf.contrib.slim


def sample_head(net):
    # Monte-Carlo dropout on purpose: keep dropping at inference
    return slim.dropout(net, 0.9)  # noqa: BN011
