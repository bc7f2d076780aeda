import tensorflow as tf

slim = tf.contrib.slim


def lenet(images, is_training):
    with slim.arg_scope([slim.conv2d], normalizer_fn=slim.batch_norm, normalizer_params={'is_training': is_training}):
        net = slim.conv2d(images, 32, [5, 5], scope='conv1')
        net = slim.max_pool2d(net, [2, 2], scope='pool1')
        net = slim.conv2d(net, 64, [5, 5], scope='conv2')
    return slim.fully_connected(slim.flatten(net), 10, activation_fn=None, scope='logits')


def train(images, labels):
    logits = lenet(images, is_training=True)
    loss = tf.losses.sparse_softmax_cross_entropy(labels, logits)
    train_op = slim.learning.create_train_op(loss, tf.train.AdamOptimizer(1e-3))
    saver = tf.train.Saver(tf.global_variables(), max_to_keep=5)
    return train_op, saver
