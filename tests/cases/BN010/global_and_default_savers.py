import tensorflow as tf


def build(images, training):
    net = tf.layers.batch_normalization(images, training=training)
    saver = tf.train.Saver()
    best_saver = tf.train.Saver(tf.global_variables(), max_to_keep=1)
    model_saver = tf.train.Saver(tf.model_variables())
    return net, saver, best_saver, model_saver
