import tensorflow as tf

slim = tf.contrib.slim


def model(images, is_training):
    net = slim.conv2d(images, 32, [3, 3], normalizer_fn=slim.batch_norm, normalizer_params={'is_training': is_training})
    y = slim.
    net = slim.batch_norm(net, is_training=is_training)
    return slim.fully_connected(slim.flatten(net), 10, activation_fn=None)


def train(images, labels, is_training):
    logits = model(images, is_training)
    loss = tf.losses.sparse_softmax_cross_entropy(labels, logits)
    update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    with tf.control_dependencies(update_ops):
        train_op = tf.train.AdamOptimizer(1e-3).minimize(loss)
    return train_op
