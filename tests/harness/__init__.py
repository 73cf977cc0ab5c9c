# SPDX-License-Identifier: GPL-2.0
"""el2reset's test harness: the emulated bench (tests/run and the other
entry points in tests/ are thin command lines over it).

    cases        the matrix: every case as data, and the suites
    runner       tests/run: builds, static checks, the boots, the summary
    qemu         one qemu-system-aarch64 run and its channel
    oracle       the gdbstub oracle: EL2 read from outside the module
    checks       the runner's own assertions on a finished run
    build        module, guest binaries, initramfs (mkinitramfs)
    static_checks  W=1, sparse, checkpatch, docs against the code
    results      the record of every proof's last run (results.rst)
    readme       README's "Tested kernels" table

Dependencies go one way: the harness uses scripts/ (scripts/kernels.py,
the one list of test kernels, which scripts/setup reads too, and
scripts/build); nothing in scripts/ uses tests/.
"""

import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
import kernels  # noqa: E402,F401 (scripts/kernels.py, as harness.kernels)
__all__ = ["kernels"]
