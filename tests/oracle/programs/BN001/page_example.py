# docs/rules/BN001.md's example, on TF 2.x through tensorflow.compat.v1
import tensorflow.compat.v1 as tf


def build(images, labels, is_training):
    net = tf.layers.conv2d(images, 32, 3, use_bias=False)
    net = tf.layers.batch_normalization(net, training=is_training)
    logits = tf.layers.dense(tf.layers.flatten(tf.nn.relu(net)), 10)
    loss = tf.losses.sparse_softmax_cross_entropy(labels, logits)
    train_op = tf.train.AdamOptimizer(1e-3).minimize(loss)
    return train_op
