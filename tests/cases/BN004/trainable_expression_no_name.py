import tensorflow as tf

slim = tf.contrib.slim


def frozen_tower(images, freeze_backbone):
    net = slim.conv2d(images, 64, [3, 3], trainable=not freeze_backbone, normalizer_fn=slim.batch_norm)
    return slim.conv2d(net, 64, [3, 3], activation_fn=None)
