import tensorflow as tf

slim = tf.contrib.slim


def classifier_head(net, num_classes, is_training, dropout_keep_prob=0.8):
    with tf.variable_scope('Logits'):
        net = slim.avg_pool2d(net, [8, 8], padding='VALID', scope='AvgPool_1a_8x8')
        net = slim.dropout(net, keep_prob=dropout_keep_prob, scope='Dropout_1b')
        net = slim.conv2d(net, num_classes, [1, 1], activation_fn=None, normalizer_fn=None, scope='Conv2d_1c_1x1')
        return tf.squeeze(net, [1, 2], name='SpatialSqueeze')
