import tensorflow as tf


def mlp(features, hidden_units, dropout_rate, training):
    net = features
    for units in hidden_units:
        net = tf.layers.dense(net, units, activation=tf.nn.relu)
        net = tf.layers.dropout(net, rate=dropout_rate)
    return tf.layers.dense(net, 10)
