import tensorflow as tf

slim = tf.contrib.slim


def plain_stem(images):
    net = slim.conv2d(images, 64, [7, 7], stride=2, data_format='NCHW')
    return slim.max_pool2d(net, [3, 3], stride=2, data_format='NCHW')
