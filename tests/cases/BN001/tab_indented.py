import tensorflow as tf

slim = tf.contrib.slim


def build_train_op(images, labels, is_training):
	with slim.arg_scope([slim.conv2d], normalizer_fn=slim.batch_norm, normalizer_params={'is_training': is_training}):
		net = slim.conv2d(images, 32, [3, 3])
		logits = slim.fully_connected(slim.flatten(net), 10, activation_fn=None)
	loss = tf.losses.sparse_softmax_cross_entropy(labels, logits)
	with tf.name_scope('train'):
		train_op = tf.train.GradientDescentOptimizer(0.01).minimize(loss)
	return train_op
