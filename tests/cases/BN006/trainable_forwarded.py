import tensorflow as tf

slim = tf.contrib.slim


def frozen_block(net, is_training, trainable):
    bn_params = {'is_training': is_training, 'trainable': trainable}
    return slim.conv2d(net, 64, [3, 3], trainable=trainable, normalizer_fn=slim.batch_norm, normalizer_params=bn_params)
