"""A TF1 MLP kept running on TensorFlow 2.x through tf.compat.v1 and tf_slim.

Trains on MNIST from tf.keras.datasets; graph mode throughout.
"""
import numpy as np
import tensorflow as tf
import tf_slim as slim

tf.compat.v1.disable_eager_execution()

HIDDEN = [512, 256]
BATCH_SIZE = 100
EPOCHS = 10


def mlp(images, is_training):
    net = slim.flatten(images)
    net = slim.fully_connected(net, HIDDEN[0], normalizer_fn=slim.batch_norm, scope='fc1')
    net = slim.fully_connected(net, HIDDEN[1],
                               normalizer_fn=tf.compat.v1.layers.batch_normalization,
                               scope='fc2')
    hidden = net
    net = slim.dropout(net, keep_prob=0.8, is_training=is_training, scope='drop2')
    return slim.fully_connected(net, 10, activation_fn=None, scope='logits'), hidden


def auxiliary_head(features, is_training):
    # Extra supervision on the last hidden layer; only its loss is used, never its output.
    with slim.arg_scope([slim.batch_norm], is_training=is_training, scale=True):
        net = slim.fully_connected(features, 128, normalizer_fn=slim.batch_norm, scope='aux_fc')
    net = tf.compat.v1.layers.batch_normalization(net, training=is_training, name='aux_bn')
    return slim.fully_connected(net, 10, activation_fn=None, scope='aux_logits')


def batches(x, y, batch_size):
    order = np.random.permutation(len(x))
    for start in range(0, len(x) - batch_size + 1, batch_size):
        idx = order[start:start + batch_size]
        yield x[idx], y[idx]


def main():
    (train_x, train_y), (test_x, test_y) = tf.keras.datasets.mnist.load_data()
    train_x = train_x.astype(np.float32) / 255.0
    test_x = test_x.astype(np.float32) / 255.0

    images = tf.compat.v1.placeholder(tf.float32, [None, 28, 28], name='images')
    labels = tf.compat.v1.placeholder(tf.int64, [None], name='labels')
    is_training = tf.compat.v1.placeholder_with_default(False, [], name='is_training')

    logits, hidden = mlp(images, is_training)
    aux_logits = auxiliary_head(hidden, is_training)
    loss = tf.compat.v1.losses.sparse_softmax_cross_entropy(labels, logits)
    loss += 0.3 * tf.compat.v1.losses.sparse_softmax_cross_entropy(labels, aux_logits)
    correct = tf.equal(tf.argmax(logits, 1), labels)
    accuracy = tf.reduce_mean(tf.cast(correct, tf.float32))

    optimizer = tf.compat.v1.train.AdamOptimizer(learning_rate=1e-3)
    train_op = optimizer.minimize(
        loss,
        global_step=tf.compat.v1.train.get_or_create_global_step())

    with tf.compat.v1.Session() as sess:
        sess.run(tf.compat.v1.global_variables_initializer())
        for epoch in range(EPOCHS):
            for batch_x, batch_y in batches(train_x, train_y, BATCH_SIZE):
                sess.run(train_op, feed_dict={images: batch_x, labels: batch_y, is_training: True})
            test_acc = sess.run(accuracy, feed_dict={images: test_x, labels: test_y})
            print('epoch %d: test accuracy %.4f' % (epoch, test_acc))


if __name__ == '__main__':
    main()
