# a TF2-style file: plain `import tensorflow as tf`, tf_slim, tf.compat.v1 calls
import tensorflow as tf
import tf_slim as slim


def head(net, num_classes, is_training):
    net = tf.compat.v1.layers.flatten(net)
    net = slim.fully_connected(net, 256, scope='fc')
    net = slim.dropout(net, keep_prob=0.8)
    return slim.fully_connected(net, num_classes, activation_fn=None, scope='logits')
