import tensorflow as tf

is_training = tf.placeholder(tf.bool, [], name='is_training')


def classifier(features, num_classes):
    net = tf.layers.dense(features, 512)
    net = tf.layers.batch_normalization(
        net,
        momentum=0.99,
        name='fc_bn',
        training=is_training)
    net = tf.nn.relu(net)
    return tf.layers.dense(net, num_classes)
