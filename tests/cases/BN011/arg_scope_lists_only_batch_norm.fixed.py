import tensorflow as tf

slim = tf.contrib.slim


def vgg_head(net, is_training, keep_prob=0.5):
    with slim.arg_scope([slim.batch_norm], is_training=is_training):
        net = slim.fully_connected(net, 4096, normalizer_fn=slim.batch_norm, scope='fc6')
        net = slim.dropout(net, keep_prob, scope='dropout6', is_training=is_training)
        net = slim.fully_connected(net, 4096, normalizer_fn=slim.batch_norm, scope='fc7')
        net = slim.dropout(net, keep_prob, scope='dropout7', is_training=is_training)
    return net
