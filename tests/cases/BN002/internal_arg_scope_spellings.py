import tensorflow as tf
from tensorflow.contrib.framework.python.ops import arg_scope
from tensorflow.contrib.layers.python.layers import layers as layers_lib

contrib_framework = tf.contrib.framework
contrib_layers = tf.contrib.layers


def stem(images, is_training):
    with arg_scope([layers_lib.batch_norm], is_training=is_training):
        net = layers_lib.batch_norm(images)
    with contrib_framework.arg_scope([contrib_layers.batch_norm], is_training=is_training):
        net = contrib_layers.batch_norm(net)
    with contrib_framework.arg_scope([contrib_layers.conv2d], padding='SAME'):
        net = contrib_layers.batch_norm(net)
    return net
