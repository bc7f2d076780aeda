import tensorflow as tf

slim = tf.contrib.slim


def frozen_arg_scope(is_training, trainable=False):
    bn_params = {'is_training': is_training, 'scale': True}
    with slim.arg_scope([slim.conv2d, slim.fully_connected], trainable=trainable,
                        normalizer_fn=slim.batch_norm, normalizer_params=bn_params) as sc:
        return sc


def forwarded_arg_scope(is_training, trainable=False):
    with slim.arg_scope([slim.conv2d], trainable=trainable, normalizer_fn=slim.batch_norm,
                        normalizer_params={'is_training': is_training, 'trainable': trainable}) as sc:
        return sc


def both_arg_scope(is_training):
    with slim.arg_scope([slim.conv2d, slim.batch_norm], trainable=False):
        with slim.arg_scope([slim.conv2d], normalizer_fn=slim.batch_norm,
                            normalizer_params={'is_training': is_training}) as sc:
            return sc


def trainable_true_scope(is_training):
    with slim.arg_scope([slim.conv2d], trainable=True, normalizer_fn=slim.batch_norm,
                        normalizer_params={'is_training': is_training}) as sc:
        return sc
