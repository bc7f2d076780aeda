import tensorflow as tf
import tf_slim as slim


def head(net, num_classes, is_training):
    net = slim.flatten(net)
    net = slim.fully_connected(net, 256, scope='fc')
    net = slim.dropout(net, keep_prob=0.8)
    return slim.fully_connected(net, num_classes, activation_fn=None, scope='logits')


images = tf.compat.v1.placeholder(tf.float32, [None, 28, 28, 1])
logits = head(images, 10, is_training=True)
