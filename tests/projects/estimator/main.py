import tensorflow as tf

import model_fn
import wired_model_fn

estimator = tf.estimator.Estimator(model_fn=model_fn.model_fn, params={"classes": 10, "lr": 1e-3})
wired = tf.estimator.Estimator(model_fn=wired_model_fn.model_fn)
