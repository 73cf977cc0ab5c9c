# SPDX-License-Identifier: GPL-2.0
"""The host unit tests' TAP: one "ok N - AREA: what" line per assertion
and the closing "N passed, N failed" (tests/run reads both), and the
harness package on the path."""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                ".."))


class Tap:
    def __init__(self, area):
        self.area, self.n, self.failed = area, 0, 0

    def ok(self, cond, what):
        self.n += 1
        self.failed += not cond
        print("%s %d - %s: %s" % ("ok" if cond else "not ok", self.n,
                                  self.area, what))

    def done(self):
        """The closing line; the exit status (1 if an assertion failed)."""
        print("%d passed, %d failed" % (self.n - self.failed, self.failed))
        return 1 if self.failed else 0
