import tensorflow as tf

from model import classifier

images = tf.placeholder(tf.float32, [None, 32, 32, 3])
logits = classifier(images, training=False)
saver = tf.train.Saver(tf.trainable_variables())
