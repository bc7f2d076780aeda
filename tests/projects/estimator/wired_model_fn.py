import tensorflow as tf

import network
from train_ops import make_train_op


def model_fn(features, labels, mode, params):
    training = mode == tf.estimator.ModeKeys.TRAIN
    logits = tf.layers.dense(network.resnet_block(features["x"], 64, training), 10)
    loss = tf.losses.sparse_softmax_cross_entropy(labels, logits)
    return tf.estimator.EstimatorSpec(mode, loss=loss, train_op=make_train_op(loss))
