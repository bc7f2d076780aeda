import tensorflow as tf

slim = tf.contrib.slim


def frozen_bn_scope(is_training):
    return slim.arg_scope([slim.batch_norm], is_training=is_training, trainable=False)


def _frozen_conv(net, depth):
    return slim.conv2d(net, depth, [3, 3], trainable=False,
                       normalizer_fn=slim.batch_norm, normalizer_params={'scale': True})


def backbone(images, is_training):
    with slim.arg_scope([slim.batch_norm], is_training=is_training, trainable=False):
        net = slim.conv2d(images, 64, [7, 7], trainable=False,
                          normalizer_fn=slim.batch_norm, normalizer_params={'scale': True})
        net = _frozen_conv(net, 64)
    with frozen_bn_scope(is_training):
        net = slim.conv2d(net, 128, [3, 3], trainable=False,
                          normalizer_fn=slim.batch_norm, normalizer_params={'decay': 0.9})
    with slim.arg_scope([slim.batch_norm], is_training=is_training):
        net = slim.conv2d(net, 256, [3, 3], trainable=False,
                          normalizer_fn=slim.batch_norm, normalizer_params={'decay': 0.9})
    return net
