# tests/cases/BN009/model_add.py on TF 2.x: layers given to model.add, the first with input_shape
import tensorflow.compat.v1 as tf


def build(features, targets, is_training):
    model = tf.keras.models.Sequential()
    model.add(tf.keras.layers.Dense(32, activation='relu', input_shape=(16,)))
    model.add(tf.keras.layers.BatchNormalization())
    model.add(tf.keras.layers.Dense(1))
    loss = tf.losses.mean_squared_error(targets, model(features, training=is_training))
    return tf.train.AdamOptimizer(1e-3).minimize(loss)
