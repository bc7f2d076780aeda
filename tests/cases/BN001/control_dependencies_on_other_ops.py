import tensorflow as tf

slim = tf.contrib.slim


def build(images, labels, is_training):
    net = slim.batch_norm(slim.conv2d(images, 32, [3, 3], activation_fn=None), is_training=is_training)
    logits = slim.fully_connected(slim.flatten(net), 10, activation_fn=None)
    loss = tf.losses.sparse_softmax_cross_entropy(labels, logits)
    check_op = tf.debugging.assert_all_finite(loss, 'loss is not finite')
    with tf.control_dependencies([check_op]):
        train_op = tf.train.AdamOptimizer(1e-3).minimize(loss)
    return train_op
