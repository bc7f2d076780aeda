import tensorflow as tf


def dropout(x, keep_prob, is_training):
    return tf.cond(is_training, lambda: tf.nn.dropout(x, keep_prob), lambda: x)


def model(x, is_training):
    net = tf.layers.dense(x, 128, activation=tf.nn.relu)
    return dropout(net, 0.5)
