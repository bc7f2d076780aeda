import tensorflow as tf
import tensorflow.contrib.slim as slim


def prelogits(net, is_training, bottleneck_size=512, weight_decay=0.0):
    net = slim.fully_connected(net, bottleneck_size, activation_fn=None, weights_regularizer=slim.l2_regularizer(weight_decay), scope='Bottleneck', reuse=False)  # noqa: E501
    net = slim.batch_norm(net, decay=0.995, epsilon=0.001, scale=True, updates_collections=None, scope='Bottleneck/BatchNorm')  # noqa: E501
    return net
