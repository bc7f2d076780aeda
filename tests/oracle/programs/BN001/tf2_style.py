# TF2-style file: `import tensorflow as tf`, graph-mode calls spelled tf.compat.v1, tf_slim layers
import tensorflow as tf
import tf_slim as slim


def build(images, labels, is_training):
    with slim.arg_scope([slim.conv2d], activation_fn=None, normalizer_fn=slim.batch_norm,
                        normalizer_params={'is_training': is_training, 'decay': 0.9}):
        net = slim.conv2d(images, 16, [3, 3], scope='conv1')
        net = slim.conv2d(tf.nn.relu(net), 16, [3, 3], scope='conv2')
    logits = slim.fully_connected(slim.flatten(tf.nn.relu(net)), 10, activation_fn=None, scope='logits')
    loss = tf.compat.v1.losses.sparse_softmax_cross_entropy(labels, logits)
    optimizer = tf.compat.v1.train.MomentumOptimizer(0.01, 0.9)
    train_op = optimizer.minimize(loss, global_step=tf.compat.v1.train.get_or_create_global_step())
    return train_op
