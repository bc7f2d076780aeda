from tensorflow.compat.v1 import layers, losses, train
import tensorflow as tf


def build(images, labels, is_training):
    net = layers.conv2d(images, 32, 3, use_bias=False)
    net = layers.batch_normalization(net, training=is_training)
    logits = layers.dense(layers.flatten(net), 10)
    loss = losses.sparse_softmax_cross_entropy(labels, logits)
    update_ops = tf.compat.v1.get_collection(tf.compat.v1.GraphKeys.UPDATE_OPS)
    with tf.compat.v1.control_dependencies(update_ops):
        return train.AdamOptimizer(1e-3).minimize(loss)
