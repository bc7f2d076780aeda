import functools

import tensorflow as tf

slim = tf.contrib.slim


def frozen_encoder(images, is_training):
    frozen_bn = functools.partial(slim.batch_norm, is_training=is_training, trainable=False)
    net = slim.conv2d(images, 32, [3, 3], trainable=False, normalizer_fn=frozen_bn)
    return slim.conv2d(net, 64, [3, 3], trainable=False, normalizer_fn=frozen_bn)
