import tensorflow as tf

slim = tf.contrib.slim


def finetune_block(net, is_training):
    net = slim.conv2d(net, 256, [3, 3], trainable=False, normalizer_fn=slim.batch_norm, normalizer_params={'is_training': is_training, 'trainable': False})
    return slim.conv2d(net, 256, [3, 3], normalizer_fn=slim.batch_norm, normalizer_params={'is_training': is_training})
