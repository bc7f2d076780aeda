import tensorflow as tf

slim = tf.contrib.slim
tf.compat.v1.logging.set_verbosity(tf.compat.v1.logging.ERROR)


def build(images, labels, is_training):
    net = slim.batch_norm(slim.conv2d(images, 32, [3, 3], activation_fn=None), is_training=is_training)
    logits = slim.fully_connected(slim.flatten(net), 10, activation_fn=None)
    loss = tf.losses.sparse_softmax_cross_entropy(labels, logits)
    update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    with tf.control_dependencies(update_ops):
        return tf.train.AdamOptimizer(1e-3).minimize(loss)
