import tensorflow as tf


def resnet_block(inputs, filters, training):
    net = tf.layers.conv2d(inputs, filters, 3, padding="same", use_bias=False)
    net = tf.layers.batch_normalization(net, training=training)
    return tf.nn.relu(net + inputs)
