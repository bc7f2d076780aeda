import tensorflow as tf
import tensorflow.contrib.slim as slim


def mobilenet_stage(net, is_training):
    with slim.arg_scope([slim.conv2d, slim.separable_conv2d],
                        normalizer_params={'is_training': is_training, 'decay': 0.9997}):
        net = slim.conv2d(net, 32, [3, 3], stride=2, normalizer_fn=slim.batch_norm)
        net = slim.separable_conv2d(net, 64, [3, 3], depth_multiplier=1, normalizer_fn=slim.batch_norm)
    return net
