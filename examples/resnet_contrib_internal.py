"""A small ResNet for 96x96 inputs in the style of TF's own model code (TF 1.x).

Uses TF's internal module spellings, as code copied from tensorflow/models often does.
"""
import tensorflow as tf
from tensorflow.contrib.framework import arg_scope
from tensorflow.contrib.layers.python.layers import layers as layers_lib


def resnet_arg_scope(weight_decay=1e-4, batch_norm_decay=0.997):
    # is_training is left out on purpose: resnet() supplies it with its own arg_scope.
    batch_norm_params = {
        'decay': batch_norm_decay,
        'epsilon': 1e-5,
        'scale': True,
        'updates_collections': tf.GraphKeys.UPDATE_OPS,
    }
    with arg_scope([layers_lib.conv2d],
                   weights_regularizer=tf.contrib.layers.l2_regularizer(weight_decay),
                   activation_fn=tf.nn.relu,
                   normalizer_fn=layers_lib.batch_norm,
                   normalizer_params=batch_norm_params):
        with arg_scope([layers_lib.batch_norm], **batch_norm_params):
            with arg_scope([layers_lib.max_pool2d], padding='SAME') as arg_sc:
                return arg_sc


def residual_block(net, depth, stride, scope):
    with tf.variable_scope(scope):
        shortcut = net
        if stride != 1 or net.get_shape()[-1] != depth:
            shortcut = layers_lib.conv2d(net, depth, [1, 1], stride=stride,
                                         activation_fn=None, scope='shortcut')
        residual = layers_lib.conv2d(net, depth, [3, 3], stride=stride, scope='conv1')
        residual = layers_lib.conv2d(residual, depth, [3, 3], activation_fn=None, scope='conv2')
        return tf.nn.relu(shortcut + residual)


def resnet(images, num_classes, is_training):
    # AUTO_REUSE: called once for the plain and once for the rotated images.
    with tf.variable_scope('resnet', reuse=tf.AUTO_REUSE), \
            arg_scope([layers_lib.batch_norm], is_training=is_training):
        net = layers_lib.conv2d(images, 64, [7, 7], stride=2, scope='conv1')
        net = layers_lib.max_pool2d(net, [3, 3], stride=2, scope='pool1')
        for i, depth in enumerate([64, 128, 256]):
            net = residual_block(net, depth, 1 if i == 0 else 2, scope='block%d' % (i + 1))
        # Test-time adaptation: this one normalises with batch statistics on purpose.
        net = layers_lib.batch_norm(net, activation_fn=tf.nn.relu, scope='postnorm')  # noqa: BN002
        pooled = tf.reduce_mean(net, [1, 2], name='pool5')
        logits = layers_lib.fully_connected(pooled, num_classes, activation_fn=None,
                                            scope='logits')
    return logits, pooled


def rotation_head(features, is_training):
    # Self-supervised auxiliary task: predict which of 4 rotations was applied.
    with arg_scope([layers_lib.fully_connected],
                   normalizer_fn=layers_lib.batch_norm):
        net = layers_lib.fully_connected(features, 256, scope='rot_fc1')
    net = layers_lib.fully_connected(net, 128, normalizer_fn=layers_lib.batch_norm,
                                     normalizer_params=dict(decay=0.9, scale=True),
                                     scope='rot_fc2')
    return layers_lib.fully_connected(net, 4, activation_fn=None, scope='rot_logits')


def build_train_op(images, labels, rotations, rotated_images, is_training):
    with arg_scope(resnet_arg_scope()):
        logits, _ = resnet(images, 10, is_training)
        _, rotated_features = resnet(rotated_images, 10, is_training)
    rotation_logits = rotation_head(rotated_features, is_training)
    loss = tf.losses.sparse_softmax_cross_entropy(labels, logits)
    loss += 0.5 * tf.losses.sparse_softmax_cross_entropy(rotations, rotation_logits)

    optimizer = tf.train.MomentumOptimizer(0.05, momentum=0.9, use_nesterov=True)
    grads_and_vars = optimizer.compute_gradients(loss + tf.losses.get_regularization_loss())
    grads_and_vars = [(tf.clip_by_norm(g, 5.0), v) for g, v in grads_and_vars if g is not None]
    with tf.control_dependencies(tf.get_collection(tf.GraphKeys.UPDATE_OPS)):
        return optimizer.apply_gradients(grads_and_vars,
                                         global_step=tf.train.get_or_create_global_step())
