import tensorflow as tf
import tensorflow.contrib.slim as slim

is_training = tf.placeholder(tf.bool, shape=(), name='is_training')


def head(features, num_classes):
    net = slim.fully_connected(features, 256, scope='fc1')
    net = slim.batch_norm(net, scope='fc1_bn', is_training=is_training)
    return slim.fully_connected(net, num_classes, activation_fn=None, scope='logits')
