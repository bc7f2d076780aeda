import tensorflow as tf

slim = tf.contrib.slim


def head(net, training, is_training):
    net = slim.fully_connected(net, 128, activation_fn=None)
    return slim.batch_norm(net, scale=True)
