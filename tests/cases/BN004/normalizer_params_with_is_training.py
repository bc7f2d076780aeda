import tensorflow as tf

slim = tf.contrib.slim


def encoder(images, is_training):
    bn_params = {'is_training': is_training, 'decay': 0.9, 'updates_collections': None}
    net = slim.conv2d(images, 32, [3, 3], normalizer_fn=slim.batch_norm, normalizer_params=bn_params)
    return slim.conv2d(net, 64, [3, 3], normalizer_fn=slim.batch_norm, normalizer_params=bn_params)
