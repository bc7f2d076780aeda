import tensorflow as tf

is_training = tf.placeholder(tf.bool, [], name='is_training')
images = tf.placeholder(tf.float32, [None, 32, 32, 3])
labels = tf.placeholder(tf.int64, [None])

net = tf.contrib.layers.conv2d(images, 64, 3, normalizer_fn=tf.contrib.layers.batch_norm,
                               normalizer_params={'is_training': is_training})
logits = tf.contrib.layers.fully_connected(tf.contrib.layers.flatten(net), 10, activation_fn=None)
loss = tf.losses.sparse_softmax_cross_entropy(labels, logits)

optimizer = tf.train.MomentumOptimizer(0.1, 0.9)
grads_and_vars = optimizer.compute_gradients(loss)
clipped = [(tf.clip_by_norm(g, 5.0), v) for g, v in grads_and_vars]
update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
with tf.control_dependencies(update_ops):
    train_op = optimizer.apply_gradients(clipped)
