import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


def dense_bn(x, units):
    x = tf.layers.dense(x, units, use_bias=False)
    x = tf.layers.batch_normalization(x, momentum=0.99, epsilon=1e-3)
    return tf.nn.relu(x)
