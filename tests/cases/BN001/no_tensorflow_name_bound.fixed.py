from tensorflow.contrib import slim
import tensorflow as tf


def train_op_for(images, labels, optimizer, is_training):
    net = slim.conv2d(images, 32, [3, 3], activation_fn=None)
    net = slim.batch_norm(net, is_training=is_training)
    logits = slim.fully_connected(slim.flatten(net), 10, activation_fn=None)
    loss = slim.losses.softmax_cross_entropy(logits, labels)
    update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    with tf.control_dependencies(update_ops):
        return optimizer.minimize(loss)
