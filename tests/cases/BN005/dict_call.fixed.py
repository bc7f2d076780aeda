import tensorflow as tf

slim = tf.contrib.slim


def fc_stack(net, is_training):
    net = slim.fully_connected(net, 256, normalizer_fn=slim.batch_norm, normalizer_params=dict(decay=0.9, scale=True, is_training=is_training))
    return slim.fully_connected(net, 10, activation_fn=None)
