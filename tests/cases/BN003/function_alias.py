import tensorflow as tf

bn = tf.layers.batch_normalization


def mlp(x, is_training):
    x = tf.nn.relu(bn(tf.layers.dense(x, 256), training=is_training))
    x = tf.nn.relu(bn(tf.layers.dense(x, 256)))
    return tf.layers.dense(x, 10)
