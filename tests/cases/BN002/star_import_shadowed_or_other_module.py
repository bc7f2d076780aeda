from tensorflow.contrib.slim import *
from my_project.layers import *


def batch_norm(x, decay=0.9):
    return x


def head(net, is_training):
    net = batch_norm(net)
    return normalize(net)
