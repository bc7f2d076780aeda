import tensorflow as tf

slim = tf.contrib.slim


def model(images, labels, is_training):
    net = slim.conv2d(images, 32, [3, 3], normalizer_fn=slim.batch_norm,
                      normalizer_params={'is_training': is_training})
    logits = slim.fully_connected(slim.flatten(net), 10, activation_fn=None)
    return tf.losses.softmax_cross_entropy(labels, logits)


def build_train_op(loss, global_step, learning_rate):
    update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    with tf.control_dependencies(update_ops):
        optimizer = tf.train.MomentumOptimizer(learning_rate, 0.9)
        train_op = optimizer.minimize(loss, global_step=global_step)

    return train_op


def build_train_op_assigned(total_loss, global_step):
    optimizer = tf.train.AdamOptimizer(1e-4)
    with tf.control_dependencies(tf.get_collection(tf.GraphKeys.UPDATE_OPS)):
        train_loss = total_loss
        train_op = optimizer.minimize(
            train_loss,
            global_step=global_step)
    return train_op
