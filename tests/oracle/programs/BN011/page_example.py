# docs/rules/BN011.md's example, on TF 2.x through tensorflow.compat.v1 and tf_slim
import tensorflow.compat.v1 as tf
import tf_slim as slim


def classifier_head(net, num_classes, is_training):
    net = slim.flatten(net)
    net = slim.fully_connected(net, 1024, scope='fc1')
    net = slim.dropout(net, keep_prob=0.5, scope='dropout1')
    return slim.fully_connected(net, num_classes, activation_fn=None, scope='logits')
