import tensorflow as tf


def build(images, labels, is_training):
    net = tf.layers.conv2d(images, 32, 3, activation=None)
    net = tf.nn.relu(tf.layers.batch_normalization(net, training=is_training))
    logits = tf.layers.dense(tf.layers.flatten(net), 10)
    loss = tf.losses.sparse_softmax_cross_entropy(labels, logits)
    var_list = tf.trainable_variables()
    update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    with tf.control_dependencies(update_ops):
        train_op = tf.train.MomentumOptimizer(0.01, 0.9).minimize(loss, var_list=var_list)
    saver = tf.train.Saver(tf.global_variables(), max_to_keep=3)
    return train_op, saver
