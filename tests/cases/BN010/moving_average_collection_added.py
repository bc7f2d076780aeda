import tensorflow as tf

slim = tf.contrib.slim


def saver_for(net, is_training):
    slim.batch_norm(net, is_training=is_training)
    variables = tf.trainable_variables() + tf.get_collection(tf.GraphKeys.MOVING_AVERAGE_VARIABLES)
    return tf.train.Saver(variables), tf.train.Saver(tf.trainable_variables() + tf.moving_average_variables())
