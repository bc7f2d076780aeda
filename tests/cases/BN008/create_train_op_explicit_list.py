import tensorflow as tf

slim = tf.contrib.slim


def network_fn(images, is_training):
    with slim.arg_scope([slim.batch_norm], is_training=is_training, decay=0.997):
        net = slim.conv2d(images, 64, [3, 3], normalizer_fn=slim.batch_norm, scope='conv1')
        return slim.fully_connected(slim.flatten(net), 10, activation_fn=None, scope='logits')


def main(images, labels):
    update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS, 'clone_0')
    with tf.name_scope('clone_0'):
        logits = network_fn(images, is_training=True)
    total_loss = tf.losses.sparse_softmax_cross_entropy(labels, logits)
    optimizer = tf.train.MomentumOptimizer(0.01, 0.9)
    return slim.learning.create_train_op(total_loss, optimizer, update_ops=update_ops)
