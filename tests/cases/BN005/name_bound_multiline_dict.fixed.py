import tensorflow as tf
import tensorflow.contrib.slim as slim


def inception_stem(inputs, is_training=True):
    batch_norm_params = {
        'decay': 0.9997,
        'epsilon': 0.001,
        'updates_collections': tf.GraphKeys.UPDATE_OPS,
        'is_training': is_training,
    }
    net = slim.conv2d(inputs, 32, [3, 3], stride=2, padding='VALID', normalizer_fn=slim.batch_norm,
                      normalizer_params=batch_norm_params, scope='Conv2d_1a_3x3')
    return slim.conv2d(net, 32, [3, 3], padding='VALID', normalizer_fn=slim.batch_norm,
                       normalizer_params=batch_norm_params, scope='Conv2d_2a_3x3')
