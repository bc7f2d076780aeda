import tensorflow as tf


def layers_stack(net, is_training):
    with tf.contrib.framework.arg_scope([tf.contrib.layers.batch_norm], is_training=is_training, decay=0.9):
        for depth in (32, 64, 128):
            net = tf.contrib.layers.conv2d(net, depth, 3, activation_fn=None)
            net = tf.nn.relu(tf.contrib.layers.batch_norm(net))
    return net
