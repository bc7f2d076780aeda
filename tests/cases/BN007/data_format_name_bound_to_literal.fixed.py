import tensorflow as tf

slim = tf.contrib.slim

DATA_FORMAT = 'NCHW'


def tower(images, is_training):
    data_format = 'NCHW'
    bn_params = {'is_training': is_training, 'decay': 0.997, 'data_format': data_format}
    net = slim.conv2d(images, 64, [3, 3], data_format=data_format,
                      normalizer_fn=slim.batch_norm, normalizer_params=bn_params)
    net = slim.conv2d(net, 64, [3, 3], data_format=DATA_FORMAT,
                      normalizer_fn=slim.batch_norm, normalizer_params={'is_training': is_training, 'data_format': DATA_FORMAT})
    return net


def tower_nhwc(images, is_training, data_format='NCHW'):
    fmt = 'NHWC'
    net = slim.conv2d(images, 64, [3, 3], data_format=fmt,
                      normalizer_fn=slim.batch_norm, normalizer_params={'is_training': is_training})
    return slim.conv2d(net, 64, [3, 3], data_format=data_format,
                       normalizer_fn=slim.batch_norm, normalizer_params={'is_training': is_training})


def tower_rebound(images, is_training, use_nchw):
    layout = 'NHWC'
    if use_nchw:
        layout = 'NCHW'
    return slim.conv2d(images, 64, [3, 3], data_format=layout,
                       normalizer_fn=slim.batch_norm, normalizer_params={'is_training': is_training})
