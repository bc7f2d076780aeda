import tensorflow as tf

from nets import resnet_utils

slim = tf.contrib.slim
resnet_arg_scope = resnet_utils.resnet_arg_scope


def bottleneck(inputs, depth, stride):
    # is_training comes from the arg_scope resnet_v2() opens around stack_blocks_dense
    preact = slim.batch_norm(inputs, activation_fn=tf.nn.relu)
    residual = slim.conv2d(preact, depth, [1, 1])
    residual = resnet_utils.conv2d_same(residual, depth, 3, stride)
    return inputs + residual


def resnet_v2(inputs, blocks, is_training=True):
    with slim.arg_scope([slim.batch_norm], is_training=is_training):
        net = resnet_utils.conv2d_same(inputs, 64, 7, 2)
        net = resnet_utils.stack_blocks_dense(net, blocks)
        return slim.batch_norm(net, activation_fn=tf.nn.relu)


def resnet_v2_block(scope, depth, units):
    return resnet_utils.Block(scope, bottleneck, [{"depth": depth, "stride": 1}] * units)


def resnet_v2_50(inputs, is_training=True):
    blocks = [resnet_v2_block("block1", 256, 3), resnet_v2_block("block2", 512, 4)]
    return resnet_v2(inputs, blocks, is_training=is_training)
