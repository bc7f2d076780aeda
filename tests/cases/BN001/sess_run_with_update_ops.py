import tensorflow as tf

slim = tf.contrib.slim

images = tf.placeholder(tf.float32, [None, 28, 28, 1])
labels = tf.placeholder(tf.int64, [None])
is_training = tf.placeholder(tf.bool, [])

net = slim.conv2d(images, 32, [5, 5], activation_fn=None)
net = tf.nn.relu(slim.batch_norm(net, is_training=is_training))
logits = slim.fully_connected(slim.flatten(net), 10, activation_fn=None)
loss = tf.losses.sparse_softmax_cross_entropy(labels, logits)
train_op = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)


def train(batches):
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for batch_images, batch_labels in batches:
            sess.run([train_op, update_ops], feed_dict={images: batch_images, labels: batch_labels, is_training: True})
