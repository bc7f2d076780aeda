import tensorflow as tf
import tensorflow.contrib.slim as slim


def vgg_block(net, depth, is_training, scope):
    with tf.variable_scope(scope):
        net = slim.conv2d(net, depth, [3, 3], normalizer_fn=slim.batch_norm, scope='conv1')
        net = slim.conv2d(net, depth, [3, 3], normalizer_fn=slim.batch_norm, scope='conv2')
        return slim.max_pool2d(net, [2, 2], scope='pool')
