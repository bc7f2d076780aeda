"""Small VGG-style network."""
import tensorflow as tf

slim = tf.contrib.slim


def conv_block(net, depth, is_training):
    """Two 3x3 convolutions, then max pooling."""
    net = slim.conv2d(net, depth, [3, 3], normalizer_fn=slim.batch_norm, scope='conv1')
    net = slim.conv2d(net, depth, [3, 3], scope='conv2')
    return slim.max_pool2d(net, [2, 2], scope='pool')


def classifier(net, num_classes):
    """Global average pooling and a linear layer."""
    net = tf.reduce_mean(net, [1, 2], name='global_pool')
    return slim.fully_connected(net, num_classes, activation_fn=None, scope='logits')
