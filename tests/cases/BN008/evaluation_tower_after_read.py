import tensorflow as tf

slim = tf.contrib.slim


def tower(images, is_training, reuse=None):
    with tf.variable_scope('net', reuse=reuse):
        net = slim.conv2d(images, 32, [3, 3], normalizer_fn=slim.batch_norm, normalizer_params={'is_training': is_training})
        return slim.fully_connected(slim.flatten(net), 10, activation_fn=None)


def build(train_images, train_labels, val_images):
    train_logits = tower(train_images, is_training=True)
    update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    val_logits = tower(val_images, is_training=False, reuse=True)
    loss = tf.losses.sparse_softmax_cross_entropy(train_labels, train_logits)
    with tf.control_dependencies(update_ops):
        train_op = tf.train.AdamOptimizer(1e-3).minimize(loss)
    return train_op, val_logits
