import tensorflow.compat.v1 as tf
import tf_slim as slim


def block(x, training):
    bn_params = {"decay": 0.95, "scale": True}
    x = slim.conv2d(x, 128, [3, 3], normalizer_fn=slim.batch_norm, normalizer_params=bn_params)
    return slim.max_pool2d(x, [2, 2])
