import tensorflow as tf

slim = tf.contrib.slim


def conv_layers(images, is_training):
    net = slim.conv2d(images, 32, [3, 3], normalizer_fn=slim.batch_norm, normalizer_params={'decay': 0.9, 'epsilon': 1e-5, 'is_training': is_training})
    return slim.conv2d(net, 64, [3, 3], normalizer_fn=slim.batch_norm, normalizer_params={'is_training': is_training})
