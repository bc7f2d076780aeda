import tensorflow as tf

slim = tf.contrib.slim


def _normalize(net, is_training):
    return slim.batch_norm(net, is_training=is_training, scale=True)


def tower(images, is_training):
    with slim.arg_scope([slim.batch_norm], updates_collections=None):
        net = _normalize(slim.conv2d(images, 32, [3, 3]), is_training)
    net = _normalize(slim.conv2d(net, 64, [3, 3]), is_training)
    return net


def train(images, labels, is_training):
    logits = slim.fully_connected(slim.flatten(tower(images, is_training)), 10, activation_fn=None)
    loss = tf.losses.softmax_cross_entropy(labels, logits)
    optimizer = tf.train.GradientDescentOptimizer(0.1)
    train_op = optimizer.minimize(loss)
    return train_op
