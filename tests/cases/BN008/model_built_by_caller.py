import tensorflow as tf


def make_train_op(loss, learning_rate):
    update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    with tf.control_dependencies(update_ops):
        return tf.train.AdamOptimizer(learning_rate).minimize(loss)


def main(images, labels):
    net = tf.layers.batch_normalization(tf.layers.conv2d(images, 16, 3), training=True)
    loss = tf.losses.sparse_softmax_cross_entropy(labels, tf.layers.dense(tf.layers.flatten(net), 10))
    return make_train_op(loss, 1e-3)
