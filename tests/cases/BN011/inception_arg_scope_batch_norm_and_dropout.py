import tensorflow as tf

slim = tf.contrib.slim


def inception_v3(inputs, num_classes=1000, is_training=True, dropout_keep_prob=0.8, scope='InceptionV3'):
    with tf.variable_scope(scope, 'InceptionV3', [inputs]) as scope:
        with slim.arg_scope([slim.batch_norm, slim.dropout], is_training=is_training):
            net = slim.conv2d(inputs, 32, [3, 3], stride=2, normalizer_fn=slim.batch_norm, scope='Conv2d_1a_3x3')
            net = slim.avg_pool2d(net, [8, 8], padding='VALID', scope='AvgPool_1a_8x8')
            net = slim.dropout(net, keep_prob=dropout_keep_prob, scope='Dropout_1b')
            logits = slim.conv2d(net, num_classes, [1, 1], activation_fn=None, normalizer_fn=None, scope='Conv2d_1c_1x1')
    return tf.squeeze(logits, [1, 2])
