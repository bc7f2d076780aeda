import tensorflow as tf

slim = tf.contrib.slim


def conv_bn_relu(net, depth, is_training, scope):
    with tf.variable_scope(scope):
        net = slim.conv2d(net, depth, [3, 3], activation_fn=None, scope='conv')
        net = slim.batch_norm(net, decay=0.9, scope='bn', is_training=is_training)
        return tf.nn.relu(net)
