import tensorflow as tf

slim = tf.contrib.slim


def frozen_head(net, is_training):
    bn_params = {
        'is_training': is_training,
        'decay': 0.9,
        'trainable': False,
    }
    net = slim.fully_connected(net, 512, trainable=False, normalizer_fn=slim.batch_norm, normalizer_params=bn_params)
    return slim.fully_connected(net, 10, activation_fn=None)
