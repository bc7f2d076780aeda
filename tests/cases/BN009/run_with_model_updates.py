import tensorflow as tf

x = tf.placeholder(tf.float32, [None, 20])
y = tf.placeholder(tf.float32, [None, 1])
model = tf.keras.Sequential([tf.keras.layers.Dense(20), tf.keras.layers.BatchNormalization(), tf.keras.layers.Dense(1)])
loss = tf.reduce_mean(tf.square(model(x) - y))
train_op = tf.train.AdamOptimizer().minimize(loss)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    sess.run([train_op, model.updates], {x: [[0.0] * 20], y: [[0.0]]})
