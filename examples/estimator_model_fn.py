"""Tabular classifier as a tf.estimator model_fn (TensorFlow 1.x).

`dnn_model_fn` is the one in use; `wide_model_fn` is the older variant kept for comparison.
"""
import os

import numpy as np
import tensorflow as tf

MODEL_DIR = os.environ.get('MODEL_DIR', '/tmp/tabular_model')


def batch_norm(net, training, name):
    # Our own wrapper: one place to set momentum for the whole model.
    return tf.layers.batch_normalization(net, momentum=0.9, training=training, name=name)


def dnn_model_fn(features, labels, mode, params):
    is_training = mode == tf.estimator.ModeKeys.TRAIN
    net = tf.feature_column.input_layer(features, params['feature_columns'])
    for i, units in enumerate(params['hidden_units']):
        net = tf.layers.dense(net, units, use_bias=False, name='dense_%d' % i)
        net = batch_norm(net, is_training, name='bn_%d' % i)
        net = tf.nn.relu(net)

    logits = tf.layers.dense(net, params['n_classes'], name='logits')
    logits_bn = tf.layers.BatchNormalization(center=False, name='logits_bn')
    logits = logits_bn(logits)

    predictions = {'class_ids': tf.argmax(logits, 1), 'probabilities': tf.nn.softmax(logits)}
    if mode == tf.estimator.ModeKeys.PREDICT:
        return tf.estimator.EstimatorSpec(mode, predictions=predictions)

    loss = tf.losses.sparse_softmax_cross_entropy(labels=labels, logits=logits)
    metrics = {'accuracy': tf.metrics.accuracy(labels, predictions['class_ids'])}
    if mode == tf.estimator.ModeKeys.EVAL:
        return tf.estimator.EstimatorSpec(mode, loss=loss, eval_metric_ops=metrics)

    optimizer = tf.train.AdagradOptimizer(params.get('learning_rate', 0.05))
    train_op = optimizer.minimize(loss, global_step=tf.train.get_global_step())
    return tf.estimator.EstimatorSpec(mode, loss=loss, train_op=train_op)


def wide_model_fn(features, labels, mode, params):
    training = mode == tf.estimator.ModeKeys.TRAIN
    net = tf.feature_column.input_layer(features, params['feature_columns'])
    net = tf.layers.batch_normalization(net, training=training, name='input_bn')
    logits = tf.layers.dense(net, params['n_classes'], name='logits')
    if mode == tf.estimator.ModeKeys.PREDICT:
        return tf.estimator.EstimatorSpec(mode, predictions={'class_ids': tf.argmax(logits, 1)})

    loss = tf.losses.sparse_softmax_cross_entropy(labels=labels, logits=logits)
    if mode == tf.estimator.ModeKeys.EVAL:
        return tf.estimator.EstimatorSpec(mode, loss=loss)

    optimizer = tf.train.FtrlOptimizer(params.get('learning_rate', 0.1))
    update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    minimize_op = optimizer.minimize(loss, global_step=tf.train.get_global_step())
    train_op = tf.group(minimize_op, *update_ops)
    return tf.estimator.EstimatorSpec(mode, loss=loss, train_op=train_op)


def make_input_fn(x, y, shuffle, epochs):
    return tf.estimator.inputs.numpy_input_fn(
        x={'x': x}, y=y, batch_size=256, num_epochs=epochs, shuffle=shuffle)


def main():
    data = np.load(os.path.join(MODEL_DIR, 'data.npz'))
    columns = [tf.feature_column.numeric_column('x', shape=[data['train_x'].shape[1]])]
    classifier = tf.estimator.Estimator(
        model_fn=dnn_model_fn,
        model_dir=MODEL_DIR,
        params={'feature_columns': columns, 'hidden_units': [256, 128, 64], 'n_classes': 3})
    classifier.train(make_input_fn(data['train_x'], data['train_y'], True, 20))
    print(classifier.evaluate(make_input_fn(data['test_x'], data['test_y'], False, 1)))


if __name__ == '__main__':
    main()
