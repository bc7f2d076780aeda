import tensorflow as tf


def build(features, labels, is_training):
    net = tf.contrib.layers.batch_norm(tf.contrib.layers.fully_connected(features, 64, activation_fn=None),
                                       is_training=is_training)
    logits = tf.contrib.layers.fully_connected(net, 1, activation_fn=None)
    loss = tf.losses.sigmoid_cross_entropy(labels, logits)
    optimizer = tf.train.AdamOptimizer(1e-3)
    return tf.contrib.training.create_train_op(loss, optimizer, summarize_gradients=True)
