import tensorflow as tf

slim = tf.contrib.slim


def build(images, loss, is_training):
	net = slim.batch_norm(images, is_training=is_training)
	update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
	with tf.control_dependencies(update_ops):
		opt = tf.train.AdamOptimizer()
		return opt.minimize(loss)
