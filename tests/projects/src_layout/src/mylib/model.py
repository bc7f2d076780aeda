import tensorflow as tf


def build(inputs, training):
    net = tf.layers.dense(inputs, 128)
    net = tf.layers.batch_normalization(net, training=training)
    return tf.nn.relu(net)
