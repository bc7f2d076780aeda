import tensorflow as tf


def head(features, labels):
    frozen = tf.keras.layers.BatchNormalization(trainable=False)(features, training=False)
    logits = tf.layers.dense(frozen, 10)
    loss = tf.losses.sparse_softmax_cross_entropy(labels, logits)
    return tf.train.AdamOptimizer().minimize(loss)
