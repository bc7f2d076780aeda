import tensorflow as tf

slim = tf.contrib.slim


def init_from_checkpoint(images, checkpoint_path, is_training):
    net = slim.conv2d(images, 64, [3, 3], normalizer_fn=slim.batch_norm, normalizer_params={'is_training': is_training})
    variables_to_restore = slim.get_variables_to_restore(exclude=['logits'])
    restorer = tf.train.Saver(variables_to_restore)
    return net, lambda sess: restorer.restore(sess, checkpoint_path)
