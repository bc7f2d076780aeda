# a functional model built on keras.Input, then called on the training tensors
import tensorflow.compat.v1 as tf


def build(features, targets, is_training):
    inputs = tf.keras.Input(shape=(16,))
    hidden = tf.keras.layers.Dense(32, activation='relu')(inputs)
    hidden = tf.keras.layers.BatchNormalization()(hidden)
    outputs = tf.keras.layers.Dense(1)(hidden)
    model = tf.keras.Model(inputs, outputs)
    loss = tf.reduce_mean(tf.square(model(features, training=is_training) - targets))
    return tf.train.GradientDescentOptimizer(0.1).minimize(loss)
