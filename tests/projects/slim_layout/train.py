import tensorflow as tf

from nets import resnet_v2

slim = tf.contrib.slim


def train(images, labels):
    with slim.arg_scope(resnet_v2.resnet_arg_scope()):
        logits = resnet_v2.resnet_v2_50(images, is_training=True)
    loss = tf.losses.softmax_cross_entropy(labels, logits)
    optimizer = tf.train.MomentumOptimizer(0.1, 0.9)
    # create_train_op runs the UPDATE_OPS collection itself
    return slim.learning.create_train_op(loss, optimizer)
