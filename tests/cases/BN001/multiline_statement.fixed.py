import tensorflow as tf
from tensorflow.contrib import slim, layers


def build(images, labels, is_training, learning_rate):
    net = layers.conv2d(images, 64, 3, activation_fn=None)
    net = layers.batch_norm(net, is_training=is_training, scale=True)
    logits = layers.fully_connected(layers.flatten(net), 10, activation_fn=None)
    loss = tf.losses.sparse_softmax_cross_entropy(labels, logits)
    update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    with tf.control_dependencies(update_ops):
        train_op = tf.train.AdamOptimizer(learning_rate).minimize(
            loss,
            global_step=tf.train.get_or_create_global_step(),
            colocate_gradients_with_ops=True)
    return train_op, loss
