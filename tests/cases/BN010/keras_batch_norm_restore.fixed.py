import tensorflow as tf

inputs = tf.placeholder(tf.float32, [None, 32])
hidden = tf.keras.layers.Dense(64, activation='relu')(inputs)
hidden = tf.keras.layers.BatchNormalization()(hidden)
outputs = tf.keras.layers.Dense(1)(hidden)

restorer = tf.train.Saver(tf.global_variables())
with tf.Session() as sess:
    restorer.restore(sess, '/tmp/model.ckpt')
    print(sess.run(outputs, {inputs: [[0.0] * 32]}))
