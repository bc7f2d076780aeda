import tensorflow as tf


def make_train_op(loss):
    # the UPDATE_OPS wiring is written here, in a helper of its own
    update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    with tf.control_dependencies(update_ops):
        return tf.train.AdamOptimizer(1e-3).minimize(loss, global_step=tf.train.get_global_step())
