import tensorflow as tf

slim = tf.contrib.slim


def encoder(images, is_training):
    net = slim.conv2d(images, 64, [3, 3], normalizer_fn=slim.batch_norm, normalizer_params={'is_training': is_training}, scope='conv1')
    net = slim.conv2d(net, 128, [3, 3], stride=2, normalizer_fn=, scope='conv2')
    net = slim.conv2d(net, 256, [3, 3], stride=2, normalizer_fn=slim.batch_norm, normalizer_params={'is_training': is_training}, scope='conv3')
    return net
