import tensorflow as tf

slim = tf.contrib.slim


def model_fn(features, labels, mode, params):
    is_training = mode == tf.estimator.ModeKeys.TRAIN
    net = slim.conv2d(features['image'], 32, [3, 3], normalizer_fn=slim.batch_norm,
                      normalizer_params={'is_training': is_training})
    logits = slim.fully_connected(slim.flatten(net), params['num_classes'], activation_fn=None)
    loss = tf.losses.sparse_softmax_cross_entropy(labels, logits)
    optimizer = tf.train.AdamOptimizer(params['learning_rate'])
    minimize_op = optimizer.minimize(loss, global_step=tf.train.get_global_step())
    update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    train_op = tf.group(minimize_op, *update_ops)
    return tf.estimator.EstimatorSpec(mode, loss=loss, train_op=train_op)
