# a Sequential model called on tensors, trained by a tf.train optimizer without any wiring
import tensorflow as tf


def build(features, targets, is_training):
    model = tf.keras.Sequential([
        tf.keras.layers.Dense(32, activation='relu'),
        tf.keras.layers.BatchNormalization(),
        tf.keras.layers.Dense(1),
    ])
    loss = tf.compat.v1.losses.mean_squared_error(targets, model(features, training=is_training))
    optimizer = tf.compat.v1.train.MomentumOptimizer(0.01, 0.9)
    train_op = optimizer.minimize(loss)
    return train_op
