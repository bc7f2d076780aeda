import tensorflow as tf

inputs = tf.placeholder(tf.float32, [None, 784])
labels = tf.placeholder(tf.int64, [None])
bn = tf.keras.layers.BatchNormalization()
hidden = tf.nn.relu(bn(tf.keras.layers.Dense(256)(inputs)))
logits = tf.keras.layers.Dense(10)(hidden)
loss = tf.losses.sparse_softmax_cross_entropy(labels, logits)
update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
with tf.control_dependencies(update_ops + bn.updates):
    train_op = tf.train.AdamOptimizer(1e-3).minimize(loss)
