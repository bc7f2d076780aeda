import tensorflow as tf

slim = tf.contrib.slim


def resnet_arg_scope(weight_decay=0.0001):
    batch_norm_params = {'decay': 0.997, 'epsilon': 1e-5, 'scale': True}
    with slim.arg_scope([slim.conv2d], normalizer_fn=slim.batch_norm, normalizer_params=batch_norm_params):
        with slim.arg_scope([slim.batch_norm], **batch_norm_params) as arg_sc:
            return arg_sc


def net(images, is_training):
    with slim.arg_scope([slim.batch_norm], is_training=is_training):
        return slim.conv2d(images, 64, [7, 7], stride=2, scope='conv1')


def train(images, is_training):
    with slim.arg_scope(resnet_arg_scope()):
        logits = net(images, is_training)
    loss = tf.reduce_mean(logits)
    tower_op = slim.learning.create_train_op(loss, tf.train.AdamOptimizer(), update_ops=tf.get_collection(tf.GraphKeys.UPDATE_OPS, 'tower_0'))
    no_ops = []
    frozen_op = slim.learning.create_train_op(loss, tf.train.AdamOptimizer(), update_ops=no_ops)
    plain_op = tf.train.AdamOptimizer().minimize(loss)
    return tower_op, frozen_op, plain_op
