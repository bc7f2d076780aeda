import tensorflow as tf


def build(images, labels, is_training):
    update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    net = tf.contrib.layers.batch_norm(images, is_training=is_training, updates_collections=None)
    logits = tf.contrib.layers.fully_connected(net, 10, activation_fn=None)
    loss = tf.losses.sparse_softmax_cross_entropy(labels, logits)
    with tf.control_dependencies(update_ops):
        return tf.train.AdamOptimizer().minimize(loss)
