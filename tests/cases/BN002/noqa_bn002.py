import tensorflow as tf

slim = tf.contrib.slim


def pretrained_features(images):
    # always in training mode on purpose: this model re-estimates statistics on every batch
    net = slim.conv2d(images, 64, [3, 3], activation_fn=None)
    net = slim.batch_norm(net, scope='bn1')  # noqa: BN002
    return tf.nn.relu(net)
