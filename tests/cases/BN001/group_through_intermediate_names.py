import tensorflow as tf

slim = tf.contrib.slim


def classifier(images, is_training):
    net = slim.conv2d(images, 32, [3, 3], normalizer_fn=slim.batch_norm,
                      normalizer_params={'is_training': is_training})
    return slim.fully_connected(slim.flatten(net), 10, activation_fn=None)


def concatenated(loss, global_step):
    update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    train_step = tf.train.MomentumOptimizer(0.1, 0.9).minimize(loss, global_step=global_step)
    train_ops = [train_step] + update_ops
    return tf.group(*train_ops)


def grown_lists(d_loss, g_loss):
    update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    d_step = tf.train.AdamOptimizer(2e-4).minimize(d_loss)
    g_step = tf.train.AdamOptimizer(2e-4).minimize(g_loss)
    d_ops = [d_step]
    d_ops.extend(update_ops)
    g_ops = list(update_ops)
    g_ops.append(g_step)
    return tf.group(*d_ops), tf.group(*g_ops)


def tuples(loss):
    update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    step = tf.train.AdamOptimizer().minimize(loss)
    all_ops = (step,) + tuple(update_ops)
    return tf.group(*all_ops)


def inline_list(loss, sess):
    ops = [tf.train.AdamOptimizer().minimize(loss)] + tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    sess.run(ops)


class Model(object):
    def build_train_op(self, loss):
        self.train_ops = []
        self.train_ops.append(tf.train.AdamOptimizer().minimize(loss))
        self.train_ops += tf.get_collection(tf.GraphKeys.UPDATE_OPS)
        self.train_op = tf.group(*self.train_ops)
