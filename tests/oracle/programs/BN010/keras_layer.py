# a Keras batch norm in graph-mode code (legacy Keras), saved with the trainable variables only
import tensorflow.compat.v1 as tf


def build(images, is_training):
    net = tf.keras.layers.Flatten()(images)
    net = tf.keras.layers.BatchNormalization()(net, training=is_training)
    saver = tf.train.Saver(var_list=tf.trainable_variables())
    return net, saver
