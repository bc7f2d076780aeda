import tensorflow as tf

slim = tf.contrib.slim


def tower(images, is_training):
    with slim.arg_scope([slim.conv2d, slim.max_pool2d], data_format='NCHW'):
        net = slim.conv2d(images, 64, [3, 3], normalizer_fn=slim.batch_norm,
                          normalizer_params={'is_training': is_training, 'data_format': 'NCHW'})
        net = slim.max_pool2d(net, [2, 2])
        net = slim.conv2d(net, 64, [3, 3], normalizer_fn=slim.batch_norm,
                          normalizer_params={'is_training': is_training, 'data_format': 'NCHW'})
        net = slim.conv2d(net, 64, [3, 3], data_format='NHWC', normalizer_fn=slim.batch_norm,
                          normalizer_params={'is_training': is_training})
    with slim.arg_scope([slim.conv2d, slim.batch_norm], data_format='NCHW'):
        net = slim.conv2d(net, 64, [3, 3], normalizer_fn=slim.batch_norm,
                          normalizer_params={'is_training': is_training})
    return net
