import tensorflow as tf

slim = tf.contrib.slim


def conv_bn(net, depth, scope):
    return slim.conv2d(net, depth, [3, 3], normalizer_fn=slim.batch_norm, scope=scope)


def model(images, is_training):
    with slim.arg_scope([slim.batch_norm], is_training=is_training):
        net = conv_bn(images, 32, 'conv1')
    net = conv_bn(net, 64, 'conv2')
    return net
