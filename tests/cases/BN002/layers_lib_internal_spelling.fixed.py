import tensorflow as tf
from tensorflow.contrib.layers.python.layers import layers as layers_lib


def stem(inputs, is_train):
    net = layers_lib.conv2d(inputs, 64, [7, 7], stride=2, activation_fn=None, scope='conv1')
    net = layers_lib.batch_norm(net, activation_fn=tf.nn.relu, scope='conv1/BatchNorm', is_training=is_train)
    return layers_lib.max_pool2d(net, [3, 3], stride=2, scope='pool1')
