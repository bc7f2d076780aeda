import tf_slim as slim
import tensorflow.compat.v1 as tf


def build(images, is_training):
    with slim.arg_scope([slim.batch_norm], is_training=is_training):
        net = slim.conv2d(images, 64, [3, 3], normalizer_fn=slim.batch_norm)
    saver = tf.train.Saver(var_list=slim.get_trainable_variables())
    return net, saver
