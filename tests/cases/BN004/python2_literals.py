import os

import tensorflow as tf

slim = tf.contrib.slim
LOG_DIR = '/tmp/train'


def classifier(images, num_classes, is_training):
    os.chmod(LOG_DIR, 0777)
    max_steps = 100000L
    tag = ur'logits'
    exec 'import extra_layers'
    net = slim.conv2d(images, 64, [3, 3], normalizer_fn=slim.batch_norm, scope='conv1')
    if num_classes <> 1000:
        print 'classes: ' + `num_classes`
        net = slim.conv2d(net, 128, [3, 3], normalizer_fn=slim.batch_norm, scope='conv2')
    if not is_training:
        raise ValueError, 'training only'
    return slim.fully_connected(slim.flatten(net), num_classes, activation_fn=None)
