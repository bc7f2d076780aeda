import tensorflow as tf

slim = tf.contrib.slim


def conv_bn(x, depth, is_training):
    net = slim.conv2d(x, depth, [3, 3], activation_fn=None)
    return slim.batch_norm(net, is_training=is_training)
