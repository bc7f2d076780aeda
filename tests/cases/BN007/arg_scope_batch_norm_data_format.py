import tensorflow as tf

slim = tf.contrib.slim


def nchw_net(images, is_training):
    with slim.arg_scope([slim.conv2d, slim.max_pool2d], data_format='NCHW'):
        with slim.arg_scope([slim.batch_norm], is_training=is_training, data_format='NCHW'):
            net = slim.conv2d(images, 32, [3, 3], data_format='NCHW', normalizer_fn=slim.batch_norm)
            return slim.max_pool2d(net, [2, 2])
