import tensorflow as tf

slim = tf.contrib.slim


def gpu_net(images, is_training):
    with slim.arg_scope([slim.batch_norm], is_training=is_training):
        net = slim.conv2d(images, 32, [3, 3], data_format='NCHW', normalizer_fn=slim.batch_norm, normalizer_params={'data_format': 'NCHW'})
        return slim.conv2d(net, 64, [3, 3], data_format='NCHW', activation_fn=None)
