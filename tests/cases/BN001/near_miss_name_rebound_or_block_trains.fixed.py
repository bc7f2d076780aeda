import tensorflow as tf

slim = tf.contrib.slim


def model(images, labels, is_training):
    net = slim.conv2d(images, 32, [3, 3], normalizer_fn=slim.batch_norm,
                      normalizer_params={'is_training': is_training})
    logits = slim.fully_connected(slim.flatten(net), 10, activation_fn=None)
    return tf.losses.softmax_cross_entropy(labels, logits)


def loss_rebound_after_block(loss, learning_rate):
    update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    with tf.control_dependencies(update_ops):
        optimizer = tf.train.AdamOptimizer(learning_rate)
    loss = loss + tf.losses.get_regularization_loss()
    update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    with tf.control_dependencies(update_ops):
        train_op = optimizer.minimize(loss)
    return train_op


def block_trains_the_discriminator(d_loss, g_loss):
    update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    with tf.control_dependencies(update_ops):
        d_train = tf.train.AdamOptimizer(2e-4).minimize(d_loss)
    update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    with tf.control_dependencies(update_ops):
        g_train = tf.train.AdamOptimizer(2e-4).minimize(g_loss)
    return d_train, g_train
