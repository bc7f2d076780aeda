import tensorflow as tf

slim = tf.contrib.slim


def model(images, is_training):
    net = slim.conv2d(images, 32, [3, 3], normalizer_fn=slim.batch_norm)
    y = slim.
    net = slim.batch_norm(net)
    return slim.fully_connected(slim.flatten(net), 10, activation_fn=None)


def train(images, labels, is_training):
    logits = model(images, is_training)
    loss = tf.losses.sparse_softmax_cross_entropy(labels, logits)
    train_op = tf.train.AdamOptimizer(1e-3).minimize(loss)
    return train_op
