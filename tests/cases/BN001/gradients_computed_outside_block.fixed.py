import tensorflow as tf

slim = tf.contrib.slim


def model(images, is_training):
    net = slim.conv2d(images, 32, [3, 3], normalizer_fn=slim.batch_norm,
                      normalizer_params={'is_training': is_training})
    return slim.fully_connected(slim.flatten(net), 10, activation_fn=None)


def other_dependencies(loss, step_counter):
    optimizer = tf.train.AdamOptimizer(1e-3)
    with tf.control_dependencies([step_counter.assign_add(1)]):
        grads_and_vars = optimizer.compute_gradients(loss)
    update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    with tf.control_dependencies(update_ops):
        return optimizer.apply_gradients(grads_and_vars)


def loss_copied_not_built(loss, precomputed):
    update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    with tf.control_dependencies(update_ops):
        total_loss = precomputed
        return tf.train.AdamOptimizer().minimize(loss + total_loss)


def dependencies_on_other_ops(loss, summary_op):
    loss = tf.contrib.framework.with_dependencies([summary_op], loss)
    update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    with tf.control_dependencies(update_ops):
        return tf.train.AdamOptimizer().minimize(loss)
