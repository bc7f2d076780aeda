import tensorflow as tf

slim = tf.contrib.slim


def model(images, is_training):
    net = slim.conv2d(images, 32, [3, 3], normalizer_fn=slim.batch_norm,
                      normalizer_params={'is_training': is_training})
    return slim.fully_connected(slim.flatten(net), 10, activation_fn=None)


def clipped(loss, global_step):
    optimizer = tf.train.AdamOptimizer(1e-3)
    update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    with tf.control_dependencies(update_ops):
        grads_and_vars = optimizer.compute_gradients(loss)
    capped = [(tf.clip_by_value(grad, -1.0, 1.0), var) for grad, var in grads_and_vars]
    return optimizer.apply_gradients(capped, global_step=global_step)


def global_norm(loss, tvars):
    optimizer = tf.train.MomentumOptimizer(0.01, 0.9)
    with tf.control_dependencies(tf.get_collection(tf.GraphKeys.UPDATE_OPS)):
        grads = tf.gradients(loss, tvars)
        grads, _ = tf.clip_by_global_norm(grads, 5.0)
    return optimizer.apply_gradients(zip(grads, tvars))


def loss_made_dependent(loss):
    update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    with tf.control_dependencies(update_ops):
        total_loss = tf.identity(loss, name='total_loss')
    return tf.train.AdamOptimizer().minimize(total_loss)


def with_dependencies_loss(loss):
    updates = tf.group(*tf.get_collection(tf.GraphKeys.UPDATE_OPS))
    loss = tf.contrib.framework.with_dependencies([updates], loss)
    return tf.train.AdamOptimizer().minimize(loss)


def default_graph_block(loss):
    update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    with tf.get_default_graph().control_dependencies(update_ops):
        return tf.train.AdamOptimizer().minimize(loss)


def graph_block(loss, graph):
    with graph.as_default(), graph.control_dependencies(control_inputs=graph.get_collection(tf.GraphKeys.UPDATE_OPS)):
        return tf.train.AdamOptimizer().minimize(loss)
