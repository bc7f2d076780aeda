import tensorflow as tf

slim = tf.contrib.slim


def fc_block(net, units, keep_prob, scope):
    net = slim.fully_connected(net, units, scope=scope)
    return slim.dropout(net, keep_prob, scope=scope + '_dropout')


def network(images, is_training):
    with slim.arg_scope([slim.dropout], is_training=is_training):
        net = slim.flatten(images)
        net = fc_block(net, 1024, 0.5, 'fc1')
        net = fc_block(net, 512, 0.5, 'fc2')
    return slim.fully_connected(net, 10, activation_fn=None, scope='logits')
