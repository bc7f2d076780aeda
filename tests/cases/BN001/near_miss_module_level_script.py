import tensorflow as tf

slim = tf.contrib.slim

images = tf.placeholder(tf.float32, [None, 28, 28, 1])
labels = tf.placeholder(tf.int64, [None])
is_training = tf.placeholder(tf.bool, [])

net = slim.conv2d(images, 32, [3, 3], normalizer_fn=slim.batch_norm,
                  normalizer_params={'is_training': is_training})
logits = slim.fully_connected(slim.flatten(net), 10, activation_fn=None)
loss = tf.losses.sparse_softmax_cross_entropy(labels, logits)

update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
with tf.control_dependencies(update_ops):
    optimizer = tf.train.AdamOptimizer(1e-3)
train_op = optimizer.minimize(loss)
