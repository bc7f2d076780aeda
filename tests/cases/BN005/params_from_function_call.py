import tensorflow as tf

slim = tf.contrib.slim


def bn_params(is_training):
    return {'is_training': is_training, 'decay': 0.9}


def encoder(images, is_training):
    return slim.conv2d(images, 32, [3, 3], normalizer_fn=slim.batch_norm, normalizer_params=bn_params(is_training))
