import tensorflow as tf

slim = tf.contrib.slim


def train(images, labels, is_training):
    with slim.arg_scope([slim.batch_norm], is_training=is_training):
        net = slim.conv2d(images, 32, [3, 3], normalizer_fn=slim.batch_norm)
        logits = slim.fully_connected(slim.flatten(net), 10, activation_fn=None)
    loss = tf.losses.sparse_softmax_cross_entropy(labels, logits)
    update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    with tf.control_dependencies(update_ops):
        train_op = tf.train.AdamOptimizer(1e-3).minimize(loss)
    return train_op
