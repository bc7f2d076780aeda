import tensorflow as tf

slim = tf.contrib.slim


class ResNetBlock(object):
    is_training = True

    def __call__(self, net, depth):
        shortcut = net
        net = slim.conv2d(net, depth, [3, 3], activation_fn=None)
        net = slim.batch_norm(net)
        return tf.nn.relu(net + shortcut)
