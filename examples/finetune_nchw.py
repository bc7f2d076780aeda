"""Fine-tune a pretrained conv stem on a new 5-class task, NCHW for cuDNN speed (TF 1.x).

The stem is restored from $PRETRAINED and frozen; only the head trains.
"""
import functools
import os

import tensorflow as tf
from tensorflow.contrib import slim

PRETRAINED = os.environ.get('PRETRAINED', '/tmp/pretrained/model.ckpt')
TRAIN_DIR = os.environ.get('TRAIN_DIR', '/tmp/finetune')
NUM_CLASSES = 5


def frozen_stem(images, is_training):
    bn_params = {'decay': 0.997, 'epsilon': 1e-5, 'scale': True}
    net = slim.conv2d(images, 64, [7, 7], stride=2, trainable=False,
                      data_format='NCHW', normalizer_fn=slim.batch_norm,
                      normalizer_params=bn_params, scope='conv1')
    net = slim.max_pool2d(net, [3, 3], stride=2, data_format='NCHW', scope='pool1')
    net = slim.conv2d(net, 128, [3, 3], data_format='NCHW', trainable=False,
                      normalizer_fn=slim.batch_norm, scope='conv2')
    # Pretrained statistics stay as they are: inference-mode batch norm, frozen beta/gamma.
    frozen_bn = functools.partial(slim.batch_norm, is_training=False, trainable=False,
                                  data_format='NCHW', scale=True)
    net = slim.conv2d(net, 256, [3, 3], trainable=False, data_format='NCHW',
                      normalizer_fn=frozen_bn, scope='conv3')
    return net


def head(net, is_training):
    with slim.arg_scope([slim.batch_norm], is_training=is_training, data_format='NCHW'):
        net = slim.conv2d(net, 256, [1, 1], data_format='NCHW',
                          normalizer_fn=slim.batch_norm, scope='head_conv')
        net = slim.separable_conv2d(net, 256, [3, 3], depth_multiplier=1, data_format='NCHW',
                                    normalizer_fn=slim.batch_norm, scope='head_sep')
    net = tf.reduce_mean(net, [2, 3], name='global_pool')
    net = slim.fully_connected(net, 128, normalizer_fn=slim.batch_norm,
                               normalizer_params={'is_training': is_training,
                                                  'updates_collections': None},
                               scope='head_fc')
    return slim.fully_connected(net, NUM_CLASSES, activation_fn=None, scope='logits')


def input_batch(batch_size=32):
    pattern = os.path.join(TRAIN_DIR, 'data', 'train-*.tfrecord')
    dataset = tf.data.TFRecordDataset(tf.gfile.Glob(pattern))
    features = {'image': tf.FixedLenFeature([3 * 224 * 224], tf.float32),
                'label': tf.FixedLenFeature([], tf.int64)}
    dataset = dataset.map(lambda record: tf.parse_single_example(record, features))
    dataset = dataset.shuffle(2048).repeat().batch(batch_size)
    example = dataset.make_one_shot_iterator().get_next()
    return tf.reshape(example['image'], [-1, 3, 224, 224]), example['label']


def main():
    images, labels = input_batch()
    net = frozen_stem(images, is_training=True)
    logits = head(net, is_training=True)
    tf.losses.sparse_softmax_cross_entropy(labels, logits)
    total_loss = tf.losses.get_total_loss()

    head_vars = slim.get_trainable_variables('head_') + slim.get_trainable_variables('logits')
    optimizer = tf.train.MomentumOptimizer(0.01, momentum=0.9)
    train_op = slim.learning.create_train_op(total_loss, optimizer, variables_to_train=head_vars)

    stem_vars = slim.get_variables_to_restore(include=['conv1', 'conv2', 'conv3'])
    init_fn = slim.assign_from_checkpoint_fn(PRETRAINED, stem_vars, ignore_missing_vars=False)
    slim.learning.train(train_op, TRAIN_DIR, init_fn=init_fn, number_of_steps=5000,
                        save_summaries_secs=120, save_interval_secs=600)


if __name__ == '__main__':
    main()
