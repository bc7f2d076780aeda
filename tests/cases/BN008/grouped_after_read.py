import tensorflow as tf


def build(images, labels, is_training):
    update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    net = tf.layers.dense(tf.layers.flatten(images), 128)
    net = tf.layers.batch_normalization(net, training=is_training)
    logits = tf.layers.dense(tf.nn.relu(net), 10)
    loss = tf.losses.sparse_softmax_cross_entropy(labels, logits)
    minimize_op = tf.train.AdamOptimizer(1e-3).minimize(loss)
    train_op = tf.group(minimize_op, *update_ops)
    return train_op
