"""BN007 data-format-not-forwarded: Layer's channels-first data_format is not passed on to its batch norm."""

from __future__ import annotations

from . import Rule


class DataFormatNotForwarded(Rule):
    code = "BN007"
    name = "data-format-not-forwarded"
    summary = "Layer's channels-first data_format is not passed on to its batch norm"

    def check(self, ctx):
        return ()
