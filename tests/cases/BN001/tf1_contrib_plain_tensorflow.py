import tensorflow as tf


def build(images, labels, is_training):
    net = tf.layers.conv2d(images, 32, 3, use_bias=False)
    net = tf.contrib.layers.batch_norm(net, is_training=is_training)
    logits = tf.layers.dense(tf.layers.flatten(net), 10)
    loss = tf.losses.sparse_softmax_cross_entropy(labels, logits)
    return tf.train.AdamOptimizer(1e-3).minimize(loss)
