import tensorflow as tf

slim = tf.contrib.slim


class MySlim(object):
    """Test double with slim's interface."""

    def batch_norm(self, net, **kwargs):
        return net


def test_forward_pass():
    slim = MySlim()
    out = slim.batch_norm(tf.zeros([2, 4]), scope='bn')
    assert out is not None
