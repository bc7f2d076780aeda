import tensorflow as tf

keep_prob = tf.placeholder(tf.float32, [])
images = tf.placeholder(tf.float32, [None, 784])
hidden = tf.nn.relu(tf.keras.layers.Dense(256)(images))
hidden = tf.nn.dropout(hidden, keep_prob)
hidden = tf.keras.layers.Dropout(0.5)(hidden)
logits = tf.keras.layers.Dense(10)(hidden)
