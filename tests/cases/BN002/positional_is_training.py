import tensorflow as tf

slim = tf.contrib.slim


def bn(net, is_training, scope):
    # the tenth positional argument of batch_norm is is_training
    return slim.batch_norm(net, 0.9, True, True, 1e-5, tf.nn.relu, None, None,
                           tf.GraphKeys.UPDATE_OPS, is_training, scope=scope)
