import tensorflow as tf

from keras_head import regression_head


def train_op_for(features, targets):
    loss = tf.losses.mean_squared_error(targets, regression_head(features, training=True))
    with tf.control_dependencies(tf.get_collection(tf.GraphKeys.UPDATE_OPS)):
        return tf.train.AdamOptimizer(1e-3).minimize(loss)
