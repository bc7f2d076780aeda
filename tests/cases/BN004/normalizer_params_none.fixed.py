import tensorflow as tf


def block(net, is_training):
    return tf.contrib.slim.conv2d(net, 64, [3, 3],
                                  normalizer_fn=tf.contrib.slim.batch_norm,
                                  normalizer_params={'is_training': is_training})
