import tensorflow as tf

slim = tf.contrib.slim


def frozen_block(net, bn_params):
    return slim.conv2d(net, 64, [3, 3], trainable=False, normalizer_fn=slim.batch_norm, normalizer_params=bn_params)
