import tensorflow as tf

slim = tf.contrib.slim


class Classifier(object):
    def __init__(self, images, labels, is_training):
        self.images, self.labels, self.is_training = images, labels, is_training

    def inference(self):
        net = slim.conv2d(self.images, 32, [3, 3], activation_fn=None)
        net = slim.batch_norm(net, is_training=self.is_training)
        return slim.fully_connected(slim.flatten(net), 10, activation_fn=None)

    def build(self):
        self.logits = self.inference()
        self.loss = tf.losses.sparse_softmax_cross_entropy(self.labels, self.logits)
        with tf.variable_scope('train'):
            update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
            with tf.control_dependencies(update_ops):
                self.train_op = tf.train.AdamOptimizer(1e-3).minimize(self.loss)
