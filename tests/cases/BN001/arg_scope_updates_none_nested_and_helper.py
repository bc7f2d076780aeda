import tensorflow as tf

slim = tf.contrib.slim


def _normalize(net, is_training):
    return slim.batch_norm(net, is_training=is_training, scale=True)


def tower(images, is_training):
    with slim.arg_scope([slim.batch_norm], updates_collections=None, decay=0.99):
        def augmented():
            return slim.batch_norm(tf.image.flip_left_right(images), is_training=is_training)

        net = tf.cond(is_training, augmented, lambda: images)
        net = _normalize(slim.conv2d(net, 32, [3, 3]), is_training)
        net = tf.map_fn(lambda image: _normalize(image, is_training), net)
    return net


def train(images, labels, is_training):
    logits = slim.fully_connected(slim.flatten(tower(images, is_training)), 10, activation_fn=None)
    loss = tf.losses.softmax_cross_entropy(labels, logits)
    return tf.train.GradientDescentOptimizer(0.1).minimize(loss)
