import functools

import tensorflow as tf

slim = tf.contrib.slim

frozen_bn = functools.partial(slim.batch_norm, is_training=False, scale=True)


def frozen_features(images):
    net = slim.conv2d(images, 64, [3, 3], normalizer_fn=frozen_bn)
    net = frozen_bn(slim.conv2d(net, 64, [3, 3], activation_fn=None))
    with slim.arg_scope([slim.conv2d], normalizer_fn=frozen_bn):
        net = slim.conv2d(net, 128, [3, 3])
    return net


def fine_tune(images, labels):
    logits = slim.fully_connected(slim.flatten(frozen_features(images)), 10, activation_fn=None)
    loss = tf.losses.softmax_cross_entropy(labels, logits)
    return tf.train.AdamOptimizer().minimize(loss)
