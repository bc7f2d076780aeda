import tensorflow as tf


def regression_head(features, training):
    hidden = tf.keras.layers.Dense(64, activation='relu')(features)
    hidden = tf.keras.layers.BatchNormalization()(hidden, training=training)
    return tf.keras.layers.Dense(1)(hidden)
