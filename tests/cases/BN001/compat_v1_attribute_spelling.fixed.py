import tensorflow as tf


def train_step_op(features, labels, training):
    net = tf.compat.v1.layers.dense(features, 128)
    net = tf.compat.v1.layers.batch_normalization(net, training=training)
    logits = tf.compat.v1.layers.dense(tf.nn.relu(net), 2)
    loss = tf.compat.v1.losses.softmax_cross_entropy(labels, logits)
    optimizer = tf.compat.v1.train.RMSPropOptimizer(1e-3)
    update_ops = tf.compat.v1.get_collection(tf.compat.v1.GraphKeys.UPDATE_OPS)
    with tf.compat.v1.control_dependencies(update_ops):
        return optimizer.minimize(loss)
