import tensorflow as tf


class DCGAN(object):
    def discriminator(self, image, train=True, reuse=False):
        with tf.variable_scope('discriminator', reuse=reuse):
            h0 = tf.nn.leaky_relu(tf.layers.conv2d(image, 64, 5, strides=2, padding='same'))
            h1 = tf.layers.conv2d(h0, 128, 5, strides=2, padding='same')
            h1 = tf.nn.leaky_relu(tf.contrib.layers.batch_norm(h1, decay=0.9, epsilon=1e-5, scale=True,
                                                               is_training=train, scope='d_bn1'))
            return tf.layers.dense(tf.layers.flatten(h1), 1)

    def build_train_ops(self, d_loss, learning_rate=0.0002, beta1=0.5):
        d_vars = [v for v in tf.trainable_variables() if 'discriminator' in v.name]
        with tf.control_dependencies(tf.get_collection(tf.GraphKeys.UPDATE_OPS)):
            self.d_optim = tf.train.AdamOptimizer(learning_rate, beta1=beta1).minimize(d_loss, var_list=d_vars)
        return self.d_optim
