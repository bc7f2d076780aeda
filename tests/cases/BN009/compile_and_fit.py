import tensorflow as tf

model = tf.keras.Sequential([
    tf.keras.layers.Dense(64, activation='relu', input_shape=(10,)),
    tf.keras.layers.BatchNormalization(),
    tf.keras.layers.Dense(1),
])
model.compile(optimizer=tf.train.AdamOptimizer(1e-3), loss='mse')


def train(x, y):
    model.fit(x, y, epochs=5, batch_size=32)
