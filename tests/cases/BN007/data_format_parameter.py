import tensorflow as tf

slim = tf.contrib.slim


def block(net, is_training, data_format):
    return slim.conv2d(net, 64, [3, 3], data_format=data_format, normalizer_fn=slim.batch_norm,
                       normalizer_params={'is_training': is_training})
