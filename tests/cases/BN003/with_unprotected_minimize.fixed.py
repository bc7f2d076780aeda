import tensorflow as tf


def model(images, labels, is_training):
    net = tf.layers.conv2d(images, 32, 3, activation=None)
    net = tf.nn.relu(tf.layers.batch_normalization(net, training=is_training))
    logits = tf.layers.dense(tf.layers.flatten(net), 10)
    return tf.losses.sparse_softmax_cross_entropy(labels, logits)


def train(images, labels, is_training):
    loss = model(images, labels, is_training)
    optimizer = tf.train.MomentumOptimizer(0.01, 0.9)
    update_ops = tf.compat.v1.get_collection(tf.compat.v1.GraphKeys.UPDATE_OPS)
    with tf.compat.v1.control_dependencies(update_ops):
        train_op = optimizer.minimize(loss)
    return train_op
