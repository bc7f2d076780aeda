import tensorflow as tf

slim = tf.contrib.slim


def block(net, is_training):
    net = slim.conv2d(net, 64, [3, 3], activation_fn=None)
    tf.summary.histogram('批归一化之前', net); net = slim.batch_norm(net)
    return net
