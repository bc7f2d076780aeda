import tensorflow as tf

slim = tf.contrib.slim


def classifier(net, is_training, keep_prob=0.5):
    with slim.arg_scope([slim.dropout], is_training=is_training):
        net = slim.fully_connected(net, 1024, activation_fn=None)
        net = tf.nn.relu(slim.batch_norm(net, is_training=is_training))
        net = slim.dropout(net, keep_prob)
    return slim.fully_connected(net, 10, activation_fn=None)
