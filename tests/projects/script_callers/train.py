import tensorflow as tf

import model

slim = tf.contrib.slim


def train(images, labels):
    with slim.arg_scope(model.training_scope(True)):
        logits = model.head(model.tower(images))
    loss = tf.losses.softmax_cross_entropy(labels, logits)
    update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    with tf.control_dependencies(update_ops):
        return tf.train.AdamOptimizer().minimize(loss)
