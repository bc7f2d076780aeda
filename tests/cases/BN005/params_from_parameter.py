import tensorflow as tf

slim = tf.contrib.slim


def conv_block(net, depth, batch_norm_params):
    net = slim.conv2d(net, depth, [3, 3], normalizer_fn=slim.batch_norm, normalizer_params=batch_norm_params)
    return slim.conv2d(net, depth, [3, 3], normalizer_fn=slim.batch_norm, normalizer_params=batch_norm_params)
