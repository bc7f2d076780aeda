import tensorflow as tf
import tensorflow.contrib.slim as slim


def backbone(images, is_training, freeze):
    bn_params = {'is_training': is_training, 'decay': 0.9, 'trainable': not freeze}
    net = slim.conv2d(images, 64, [3, 3], trainable=not freeze, normalizer_fn=slim.batch_norm, normalizer_params=bn_params)
    return slim.max_pool2d(net, [2, 2])
