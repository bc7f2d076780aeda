import tensorflow as tf
import tf_slim as slim


def train_op_for(images, labels, optimizer, is_training):
    net = slim.conv2d(images, 32, [3, 3], activation_fn=None)
    net = slim.batch_norm(net, is_training=is_training)
    logits = slim.fully_connected(slim.flatten(net), 10, activation_fn=None)
    loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits))
    update_ops = tf.compat.v1.get_collection(tf.compat.v1.GraphKeys.UPDATE_OPS)
    with tf.compat.v1.control_dependencies(update_ops):
        return optimizer.minimize(loss)
