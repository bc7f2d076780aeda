import tensorflow as tf
import tf_slim as slim


def build(images, labels, is_training):
    net = slim.conv2d(images, 32, [3, 3], normalizer_fn=slim.batch_norm,
                      normalizer_params={'is_training': is_training})
    logits = slim.fully_connected(slim.flatten(net), 10, activation_fn=None)
    loss = tf.losses.sparse_softmax_cross_entropy(labels, logits)
    ema = tf.train.ExponentialMovingAverage(0.999)
    ema_op = ema.apply(tf.trainable_variables())
    update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS, scope='tower_0')
    with tf.control_dependencies([ema_op] + update_ops):
        train_op = tf.train.AdamOptimizer(1e-3).minimize(loss)
    return train_op
