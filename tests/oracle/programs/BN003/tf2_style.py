# TF2-style file: `import tensorflow as tf`, the v1 layers spelled tf.compat.v1, an instance applied twice
import tensorflow as tf


def siamese_features(left, right, is_training):
    norm = tf.compat.v1.layers.BatchNormalization(momentum=0.9, name='shared_bn')
    left = norm.apply(tf.compat.v1.layers.dense(left, 32, name='left_fc'))
    right = norm.apply(tf.compat.v1.layers.dense(right, 32, name='right_fc'))
    return tf.concat([left, right], axis=-1)
