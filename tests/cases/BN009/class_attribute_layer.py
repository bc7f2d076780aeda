import tensorflow as tf


class Regressor(object):
    def __init__(self, learning_rate):
        self.dense = tf.keras.layers.Dense(64)
        self.bn = tf.keras.layers.BatchNormalization()
        self.out = tf.keras.layers.Dense(1)
        self.optimizer = tf.train.AdamOptimizer(learning_rate)

    def build_train_op(self, features, targets):
        predictions = self.out(tf.nn.relu(self.bn(self.dense(features), training=True)))
        loss = tf.losses.mean_squared_error(targets, predictions)
        return self.optimizer.minimize(loss)
