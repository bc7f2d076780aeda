import tensorflow as tf
from tensorflow.contrib.layers import *


def encoder(images, is_training):
    net = conv2d(images, 32, [3, 3], activation_fn=None)
    net = batch_norm(net, decay=0.9, is_training=is_training)
    net = tf.nn.relu(net)
    return flatten(net)
