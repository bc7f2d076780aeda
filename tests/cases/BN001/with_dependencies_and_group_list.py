import tensorflow as tf
from tensorflow.python.ops import control_flow_ops

slim = tf.contrib.slim


def build(images, labels, is_training):
    with slim.arg_scope([slim.batch_norm], is_training=is_training):
        net = slim.conv2d(images, 32, [3, 3], normalizer_fn=slim.batch_norm)
        logits = slim.fully_connected(slim.flatten(net), 10, activation_fn=None)
    total_loss = tf.losses.sparse_softmax_cross_entropy(labels, logits)
    update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    grad_updates = tf.train.MomentumOptimizer(0.1, 0.9).minimize(total_loss)
    update_ops.append(grad_updates)
    update_op = tf.group(*update_ops)
    train_tensor = control_flow_ops.with_dependencies([update_op], total_loss, name='train_op')
    eval_op = tf.train.GradientDescentOptimizer(0.0).minimize(total_loss)
    eval_op = tf.group([eval_op] + update_ops)
    return train_tensor, eval_op
