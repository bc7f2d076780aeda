import tensorflow as tf


def model_fn(features, labels, mode):
    model = tf.keras.Sequential([tf.keras.layers.Dense(64), tf.keras.layers.BatchNormalization(), tf.keras.layers.Dense(1)])
    predictions = model(features, training=mode == tf.estimator.ModeKeys.TRAIN)
    loss = tf.losses.mean_squared_error(labels, predictions)
    update_ops = model.get_updates_for(None) + model.get_updates_for(features)
    with tf.control_dependencies(update_ops):
        train_op = tf.train.AdamOptimizer().minimize(loss, global_step=tf.train.get_or_create_global_step())
    return tf.estimator.EstimatorSpec(mode, loss=loss, train_op=train_op)
