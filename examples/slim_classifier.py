"""Train a small CIFAR-10 classifier with TF-slim (TensorFlow 1.x graph mode).

Expects the training set as numpy arrays in $CIFAR_DIR/train_x.npy (uint8, N x 32 x 32 x 3)
and $CIFAR_DIR/train_y.npy (int64, N).
"""
import os

import numpy as np
import tensorflow as tf

slim = tf.contrib.slim

DATA_DIR = os.environ.get('CIFAR_DIR', '/tmp/cifar10')
BATCH_SIZE = 128
NUM_CLASSES = 10
NUM_STEPS = 20000


def bn_relu(net, scope):
    # Only ever called under the is_training arg_scope in cifar_net.
    net = slim.batch_norm(net, scope=scope)
    return tf.nn.relu(net)


def cifar_net(images, is_training, weight_decay=5e-4):
    batch_norm_params = {'decay': 0.997, 'epsilon': 1e-5, 'scale': True}
    with slim.arg_scope([slim.batch_norm], is_training=is_training):
        with slim.arg_scope([slim.conv2d, slim.fully_connected],
                            weights_regularizer=slim.l2_regularizer(weight_decay),
                            normalizer_fn=slim.batch_norm,
                            normalizer_params=batch_norm_params):
            net = slim.repeat(images, 2, slim.conv2d, 64, [3, 3], scope='conv1')
            net = slim.max_pool2d(net, [2, 2], scope='pool1')
            net = slim.repeat(net, 2, slim.conv2d, 128, [3, 3], scope='conv2')
            net = slim.max_pool2d(net, [2, 2], scope='pool2')
            net = slim.conv2d(net, 256, [3, 3], activation_fn=None,
                              normalizer_fn=None, scope='conv3')
            net = bn_relu(net, scope='conv3_bn')
            net = tf.reduce_mean(net, [1, 2], name='global_pool')
            net = slim.fully_connected(net, 256, scope='fc1')
            net = slim.dropout(net, 0.5, is_training=is_training, scope='dropout1')
            logits = slim.fully_connected(net, NUM_CLASSES, activation_fn=None,
                                          normalizer_fn=None, scope='logits')
    return logits, net


def embedding_head(features, dim=64):
    net = slim.fully_connected(features, dim, activation_fn=None, scope='embed')
    net = slim.batch_norm(net, scope='embed_bn')
    return tf.nn.l2_normalize(net, axis=1)


def load_cifar(data_dir):
    images = np.load(os.path.join(data_dir, 'train_x.npy')).astype(np.float32) / 255.0
    labels = np.load(os.path.join(data_dir, 'train_y.npy')).astype(np.int64)
    return images, labels


def build_graph():
    images = tf.placeholder(tf.float32, [None, 32, 32, 3], name='images')
    labels = tf.placeholder(tf.int64, [None], name='labels')
    is_training = tf.placeholder_with_default(False, [], name='is_training')

    logits, pre_logits = cifar_net(images, is_training)
    embeddings = embedding_head(pre_logits)
    tf.losses.sparse_softmax_cross_entropy(labels, logits)
    total_loss = tf.losses.get_total_loss()
    accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(logits, 1), labels), tf.float32))

    global_step = tf.train.get_or_create_global_step()
    learning_rate = tf.train.piecewise_constant(global_step, [10000, 15000], [0.1, 0.01, 0.001])
    optimizer = tf.train.MomentumOptimizer(learning_rate, momentum=0.9)
    train_op = optimizer.minimize(total_loss, global_step=global_step)
    return {
        'images': images,
        'labels': labels,
        'is_training': is_training,
        'embeddings': embeddings,
        'loss': total_loss,
        'accuracy': accuracy,
        'train_op': train_op,
    }


def main():
    train_x, train_y = load_cifar(DATA_DIR)
    graph = build_graph()
    saver = tf.train.Saver(max_to_keep=3)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for step in range(NUM_STEPS):
            idx = np.random.randint(0, len(train_x), BATCH_SIZE)
            feed = {graph['images']: train_x[idx], graph['labels']: train_y[idx],
                    graph['is_training']: True}
            _, loss_value = sess.run([graph['train_op'], graph['loss']], feed_dict=feed)
            if step % 500 == 0:
                acc = sess.run(graph['accuracy'], feed_dict={graph['images']: train_x[:1000],
                                                             graph['labels']: train_y[:1000]})
                print('step %d loss %.3f train-acc %.3f' % (step, loss_value, acc))
                saver.save(sess, os.path.join(DATA_DIR, 'model.ckpt'), global_step=step)


if __name__ == '__main__':
    main()
