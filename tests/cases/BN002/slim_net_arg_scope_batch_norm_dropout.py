import tensorflow as tf

slim = tf.contrib.slim


def small_inception(images, num_classes=10, is_training=True, dropout_keep_prob=0.8):
    with tf.variable_scope('SmallInception', [images]):
        with slim.arg_scope([slim.batch_norm, slim.dropout], is_training=is_training):
            net = slim.conv2d(images, 32, [3, 3], stride=2, scope='Conv2d_1a_3x3')
            net = slim.batch_norm(net, scope='BatchNorm_1a')
            net = slim.max_pool2d(net, [3, 3], stride=2, scope='MaxPool_2a_3x3')
            net = slim.batch_norm(net, decay=0.9997, scope='BatchNorm_2a')
            net = slim.dropout(net, dropout_keep_prob, scope='Dropout_1b')
            net = slim.flatten(net)
            logits = slim.fully_connected(net, num_classes, activation_fn=None, scope='Logits')
    return logits
