import tensorflow as tf


def conv_block(inputs, filters, is_training):
    net = tf.layers.conv2d(inputs, filters, 3, padding='same', use_bias=False)
    net = tf.layers.batch_normalization(net, momentum=0.9, training=is_training)
    return tf.nn.relu(net)
