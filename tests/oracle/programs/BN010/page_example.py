# docs/rules/BN010.md's example, on TF 2.x through tensorflow.compat.v1 and tf_slim
import tensorflow.compat.v1 as tf
import tf_slim as slim


def build(images, is_training):
    net = slim.conv2d(images, 64, [3, 3], normalizer_fn=slim.batch_norm,
                      normalizer_params={'is_training': is_training})
    saver = tf.train.Saver(tf.trainable_variables(), max_to_keep=5)
    return net, saver
