import tensorflow as tf

x = tf.placeholder(tf.float32, [None, 4])
bn = tf.keras.layers.BatchNormalization()
loss = tf.reduce_mean(tf.square(bn(x, training=True)))
train_op = tf.train.GradientDescentOptimizer(0.1).minimize(loss)  # noqa: BN009
