import tensorflow as tf

slim = tf.contrib.slim


def tower_train_ops(tower_losses, images, is_training):
    net = slim.batch_norm(images, is_training=is_training)
    ops = []
    for i, loss in enumerate(tower_losses):
        with tf.device('/gpu:%d' % i):
            if loss is not None:
                opt = tf.train.GradientDescentOptimizer(0.1)
                grads = opt.compute_gradients(loss)
                ops.append(opt.apply_gradients(grads))
    return ops, net
