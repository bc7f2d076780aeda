import tensorflow.compat.v1 as tf

tf.disable_eager_execution()

model = tf.keras.models.Sequential()
model.add(tf.keras.layers.Dense(128, activation='relu', input_shape=(784,)))
model.add(tf.keras.layers.BatchNormalization())
model.add(tf.keras.layers.Dense(10))

images = tf.placeholder(tf.float32, [None, 784])
labels = tf.placeholder(tf.int64, [None])
loss = tf.losses.sparse_softmax_cross_entropy(labels, model(images))
train_op = tf.train.AdamOptimizer(1e-3).minimize(loss)
