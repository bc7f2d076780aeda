import tensorflow as tf

import mylib.model


def main(inputs, labels):
    logits = mylib.model.build(inputs, training=True)
    loss = tf.losses.mean_squared_error(labels, logits)
    update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    with tf.control_dependencies(update_ops):
        train_op = tf.train.AdamOptimizer(1e-3).minimize(loss)
    return train_op
