# SPDX-License-Identifier: GPL-2.0
"""The test kernels, read from scripts/kernels.conf (the one table), and
what scripts/setup recorded about each after resolving and unpacking it
(ABI, package version, the compiler that built it, its build root).
scripts/setup and the harness (tests/harness) both read it.

    python3 scripts/kernels.py --names         one name per line
"""

import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CONF = os.path.join(HERE, "kernels.conf")
CACHE = os.environ.get("EL2R_CACHE") or os.path.join(
    os.environ.get("XDG_CACHE_HOME") or
    os.path.join(os.path.expanduser("~"), ".cache"), "el2reset")
FIELDS = ("name", "suites", "meta", "cpu", "set", "check", "append")


class Kernel:
    def __init__(self, name, suites, meta, cpu, kset, check, append):
        if kset not in ("full", "core") or check not in ("full", "core") \
                or (check == "full" and kset == "core"):
            raise ValueError("kernels.conf: %s: set and check are full or "
                             "core, check at most set" % name)
        m = re.match(r"^(\d+)\.(\d+)", name)
        if not m:
            raise ValueError("kernels.conf: %s: name must start with the "
                             "kernel's major.minor" % name)
        self.name, self.meta, self.cpu, self.set = name, meta, cpu, kset
        self.check = check
        self.suites = suites.split(",")
        self.append = "" if append == "-" else append
        self.version = (int(m.group(1)), int(m.group(2)))
        self.dir = os.path.join(CACHE, "kernels", name)

    @property
    def flavour(self):
        """arm64, rt-arm64, ... (a meta such as 6.12-arm64 names its
        version first)."""
        return re.sub(r"^\d+\.\d+-", "", self.meta)

    def runs_full(self, check_full):
        """Whether this kernel gets the full matrix in make check-full
        (@check_full) or in make check."""
        return (self.set if check_full else self.check) == "full"

    def info(self):
        """What scripts/setup recorded (kernel.json), or {} before setup."""
        try:
            with open(os.path.join(self.dir, "kernel.json")) as f:
                return json.load(f)
        except (OSError, ValueError):
            return {}


def load(path=CONF):
    out = []
    with open(path) as f:
        for n, line in enumerate(f, 1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            cols = line.split(None, len(FIELDS) - 1)
            if len(cols) != len(FIELDS):
                raise ValueError("%s:%d: want %d columns: %s"
                                 % (path, n, len(FIELDS), " ".join(FIELDS)))
            out.append(Kernel(*cols))
    names = [k.name for k in out]
    if len(set(names)) != len(names):
        raise ValueError("%s: a kernel name appears twice" % path)
    return out


def by_name():
    return {k.name: k for k in load()}


def compiler(cc_text):
    """'aarch64-linux-gnu-gcc-14 (Debian 14.2.0-19) 14.2.0' -> 'gcc-14'."""
    m = re.search(r"gcc-(\d+)\b", cc_text) or \
        re.search(r"\bgcc .*?\) (\d+)\.", cc_text)
    return "gcc-%s" % m.group(1) if m else None


if __name__ == "__main__":
    if sys.argv[1:] == ["--names"]:
        print("\n".join(k.name for k in load()))
    else:
        sys.exit(__doc__)
