import tensorflow as tf
import tf_slim as slim


def tiny_net(images):
    net = slim.conv2d(images, 16, [3, 3], normalizer_fn=slim.batch_norm, normalizer_params={})
    return slim.conv2d(net, 16, [3, 3], activation_fn=None)
