import tensorflow as tf

slim = tf.contrib.slim


def head(net, is_training):
    net = slim.batch_norm(net, scale=True,)
    net = slim.batch_norm(net)  # second pass, same statistics
    net = slim.batch_norm(
        net,
        decay=0.9  # slower than the default
    )
    net = slim.batch_norm(net) + \
        tf.constant(1.0)
    return net
