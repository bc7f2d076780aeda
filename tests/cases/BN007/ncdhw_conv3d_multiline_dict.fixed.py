import tensorflow as tf
import tensorflow.contrib.slim as slim


def volume_block(volume, is_training):
    batch_norm_params = {
        'is_training': is_training,
        'decay': 0.99,
        'data_format': 'NCHW',
    }
    net = slim.conv3d(volume, 32, [3, 3, 3], data_format='NCDHW',
                      normalizer_fn=slim.batch_norm, normalizer_params=batch_norm_params)
    return net
