import tensorflow as tf

inputs = tf.placeholder(tf.float32, [None, 784])
labels = tf.placeholder(tf.int64, [None])
bn = tf.keras.layers.BatchNormalization()
hidden = tf.nn.relu(bn(tf.keras.layers.Dense(256)(inputs)))
logits = tf.keras.layers.Dense(10)(hidden)
loss = tf.losses.sparse_softmax_cross_entropy(labels, logits)
train_op = tf.train.AdamOptimizer(1e-3).minimize(loss)
train_op = tf.group(train_op, *bn.updates)
