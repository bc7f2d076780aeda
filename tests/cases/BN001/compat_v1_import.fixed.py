import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


def build_graph(x, y, is_training):
    h = tf.layers.dense(x, 64)
    h = tf.layers.batch_normalization(h, training=is_training)
    pred = tf.layers.dense(tf.nn.relu(h), 1)
    loss = tf.losses.mean_squared_error(y, pred)
    update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    with tf.control_dependencies(update_ops):
        train_op = tf.train.AdamOptimizer().minimize(loss)
    return train_op
