import tensorflow as tf

import nets


def train_op_for(images, labels):
    update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    logits = nets.classifier(images, is_training=True)
    loss = tf.losses.sparse_softmax_cross_entropy(labels, logits)
    with tf.control_dependencies(update_ops):
        return tf.train.AdamOptimizer(1e-3).minimize(loss)
