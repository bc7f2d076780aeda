import tensorflow as tf

slim = tf.contrib.slim


def gpu_block(net, is_training):
    bn_params = {'is_training': is_training, 'data_format': 'NCHW', 'fused': True}
    net = slim.conv2d(net, 64, [3, 3], data_format='NCHW', normalizer_fn=slim.batch_norm, normalizer_params=bn_params)
    return slim.conv2d(net, 64, [3, 3], data_format='NCHW', normalizer_fn=slim.batch_norm, normalizer_params=bn_params)
