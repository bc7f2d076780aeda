import tensorflow as tf

slim = tf.contrib.slim


def resnet_arg_scope(is_training, data_format='NCHW'):
    batch_norm_params = {'is_training': is_training, 'decay': 0.997, 'epsilon': 1e-5, 'data_format': 'NCHW'}
    with slim.arg_scope([slim.conv2d], data_format='NCHW', normalizer_fn=slim.batch_norm,
                        normalizer_params=batch_norm_params) as sc:
        return sc


def tower_scope(is_training):
    with slim.arg_scope([slim.conv2d, slim.max_pool2d], data_format='NCHW',
                        normalizer_fn=slim.batch_norm, normalizer_params={'is_training': is_training}):
        with slim.arg_scope([slim.batch_norm], data_format='NCHW') as sc:
            return sc


def nhwc_scope(is_training):
    with slim.arg_scope([slim.conv2d], data_format='NHWC', normalizer_fn=slim.batch_norm,
                        normalizer_params={'is_training': is_training}) as sc:
        return sc


def both_scope(is_training):
    with slim.arg_scope([slim.conv2d, slim.batch_norm], data_format='NCHW'):
        with slim.arg_scope([slim.conv2d], normalizer_fn=slim.batch_norm,
                            normalizer_params={'is_training': is_training}) as sc:
            return sc
