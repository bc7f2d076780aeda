import tensorflow as tf

slim = tf.contrib.slim


def train_ops(x, loss, is_training):
    net = slim.batch_norm(x, is_training=is_training)
    train_op = tf.train.AdamOptimizer().minimize(loss)
    update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    train_op = tf.group([train_op, update_ops])
    return train_op, net


def finetune_op(loss):
    with tf.control_dependencies(tf.compat.v1.get_collection(tf.compat.v1.GraphKeys.UPDATE_OPS)):
        with tf.variable_scope('finetune'):
            return tf.train.AdamOptimizer(1e-5).minimize(loss)
