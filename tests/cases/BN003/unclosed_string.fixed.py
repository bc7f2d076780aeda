import tensorflow as tf


def dense_block(x, units, training):
    x = tf.layers.dense(x, units, use_bias=False, name='dense)
    x = tf.layers.batch_normalization(x, momentum=0.9, training=training)
    tf.summary.histogram('pre_activation, x)
    return tf.nn.relu(x)
