import tensorflow as tf

slim = tf.contrib.slim


def gpu_stem(images, is_training):
    net = slim.conv2d(images, 64, [7, 7], stride=2, data_format='NCHW', normalizer_fn=slim.batch_norm, normalizer_params={'is_training': is_training, 'data_format': 'NCHW'})
    return slim.max_pool2d(net, [3, 3], stride=2, data_format='NCHW')
