import tensorflow as tf


def saver_with_statistics(net, training):
    tf.layers.batch_normalization(net, training=training)
    var_list = tf.trainable_variables()
    var_list.extend(tf.get_collection(tf.GraphKeys.MOVING_AVERAGE_VARIABLES))
    return tf.train.Saver(var_list)
