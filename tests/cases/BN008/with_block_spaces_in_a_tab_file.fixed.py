import tensorflow as tf


def predict(images):
	return tf.layers.dense(images, 10)


def build_train_op(images, labels, training):
    net = tf.layers.batch_normalization(images, training=training)
    loss = tf.losses.mean_squared_error(labels, tf.layers.dense(net, 1))
    with tf.control_dependencies(tf.get_collection(tf.GraphKeys.UPDATE_OPS)):
        return tf.train.AdamOptimizer().minimize(loss)
