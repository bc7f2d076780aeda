import tensorflow as tf

slim = tf.contrib.slim


def frozen_stem(images, is_training):
    net = slim.conv2d(images, 64, [7, 7], stride=2, trainable=False, normalizer_fn=slim.batch_norm, normalizer_params={'decay': 0.997, 'trainable': False, 'is_training': is_training})
    return slim.max_pool2d(net, [3, 3], stride=2)
