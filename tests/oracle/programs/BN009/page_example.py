# docs/rules/BN009.md's example, on TF 2.x through tensorflow.compat.v1 (legacy Keras)
import tensorflow.compat.v1 as tf


def build(features, targets, is_training):
    bn = tf.keras.layers.BatchNormalization()
    hidden = tf.nn.relu(bn(tf.keras.layers.Dense(32)(features), training=is_training))
    loss = tf.losses.mean_squared_error(targets, tf.keras.layers.Dense(1)(hidden))
    update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    with tf.control_dependencies(update_ops):
        train_op = tf.train.AdamOptimizer(1e-3).minimize(loss)
    return train_op
