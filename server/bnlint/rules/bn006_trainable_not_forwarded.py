"""BN006 trainable-not-forwarded: Layer's trainable is not passed on to its batch norm."""

from __future__ import annotations

from . import Rule


class TrainableNotForwarded(Rule):
    code = "BN006"
    name = "trainable-not-forwarded"
    summary = "Layer's trainable is not passed on to its batch norm"

    def check(self, ctx):
        return ()
