from units import UNITS


def build(net, kind):
    unit_fn = UNITS[kind]
    return unit_fn(net)
