import tensorflow as tf

model = tf.keras.Sequential([tf.keras.layers.Dense(32), tf.keras.layers.BatchNormalization(), tf.keras.layers.Dense(1)])


def train_step(optimizer, x, y):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(model(x, training=True) - y))
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables))
    return loss
