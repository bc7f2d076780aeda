import tensorflow as tf

slim = tf.contrib.slim


def classifier(images, is_training):
    net = slim.conv2d(images, 32, [3, 3], normalizer_fn=slim.batch_norm,
                      normalizer_params={'is_training': is_training})
    return slim.fully_connected(slim.flatten(net), 10, activation_fn=None)


def train_ops_without_updates(loss, ema):
    update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    with tf.control_dependencies(update_ops):
        train_step = tf.train.AdamOptimizer().minimize(loss)
    train_ops = [train_step, ema.apply(tf.trainable_variables())]
    maintenance = tf.group(*update_ops)
    return tf.group(*train_ops), maintenance


def other_function_grows_its_own_list(loss):
    update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    with tf.control_dependencies(update_ops):
        step = tf.train.AdamOptimizer().minimize(loss)
    train_ops = [step]
    return tf.group(*train_ops)


def unrelated_list(loss):
    update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    train_ops = list(update_ops)
    return tf.group(*train_ops)
