import tensorflow as tf

slim = tf.contrib.slim


def head(net, is_training):
    net = slim.batch_norm(net, scale=True, is_training=is_training,)
    net = slim.batch_norm(net, is_training=is_training)  # second pass, same statistics
    net = slim.batch_norm(
        net,
        decay=0.9,
        is_training=is_training  # slower than the default
    )
    net = slim.batch_norm(net, is_training=is_training) + \
        tf.constant(1.0)
    return net
