import tensorflow as tf


def build(features, train_mode):
    bn_layer = tf.layers.BatchNormalization(momentum=0.9, name='features_bn')
    hidden = tf.layers.dense(features, 128)
    hidden = bn_layer(hidden)
    return tf.nn.relu(hidden)
