import tensorflow as tf

slim = tf.contrib.slim


def batch_norm_scope(is_training, weight_decay=1e-4):
    return slim.arg_scope([slim.batch_norm], is_training=is_training, decay=0.997, epsilon=1e-5)


def stem(images, is_training):
    with batch_norm_scope(is_training):
        net = slim.conv2d(images, 64, [7, 7], stride=2, normalizer_fn=slim.batch_norm)
    net = slim.conv2d(net, 64, [3, 3], normalizer_fn=slim.batch_norm, normalizer_params={'is_training': is_training})
    return net
