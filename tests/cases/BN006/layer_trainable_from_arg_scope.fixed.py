import tensorflow as tf

slim = tf.contrib.slim


def frozen_backbone(images, is_training):
    with slim.arg_scope([slim.conv2d], trainable=False, padding='SAME'):
        net = slim.conv2d(images, 64, [7, 7], stride=2, normalizer_fn=slim.batch_norm,
                          normalizer_params={'is_training': is_training, 'trainable': False})
        net = slim.conv2d(net, 64, [3, 3], normalizer_fn=slim.batch_norm,
                          normalizer_params={'is_training': is_training, 'trainable': False})
        net = slim.conv2d(net, 64, [3, 3], trainable=True, normalizer_fn=slim.batch_norm,
                          normalizer_params={'is_training': is_training})
        net = slim.fully_connected(slim.flatten(net), 10, normalizer_fn=slim.batch_norm,
                                   normalizer_params={'is_training': is_training})
    with slim.arg_scope([slim.conv2d], trainable=True):
        net = slim.conv2d(net, 64, [3, 3], normalizer_fn=slim.batch_norm,
                          normalizer_params={'is_training': is_training})
    return net
