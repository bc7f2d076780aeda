import tensorflow as tf


def keras_head(inputs):
    x = tf.keras.layers.Dense(64)(inputs)
    x = tf.keras.layers.BatchNormalization()(x)
    bn = tf.keras.layers.BatchNormalization(momentum=0.9)
    x = bn(x)
    return tf.keras.layers.Activation('relu')(x)
