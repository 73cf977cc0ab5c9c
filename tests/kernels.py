# SPDX-License-Identifier: GPL-2.0
"""The test kernels, read from tests/kernels.conf (the one table), and
what scripts/setup recorded about each after resolving and unpacking it
(ABI, package version, the compiler that built it, its build root).

    python3 tests/kernels.py --readme        the README's "Tested kernels"
    python3 tests/kernels.py --write-readme  put it into README.md
    python3 tests/kernels.py --names         one name per line
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


def readme_table(results=None):
    """The README table, from kernels.conf, what setup recorded and the
    per-kernel results of the whole runs (build/kernel-results.json): it
    leads with each kernel's last green run of make check and make
    check-full, with its date. A failed run that was fixed and run again
    is history (Documentation/test-harness.rst), not the user's table."""
    if results is None:
        try:
            with open(os.path.join(ROOT, "build",
                                   "kernel-results.json")) as f:
                results = json.load(f)
        except (OSError, ValueError):
            results = {}
    rows = ["| last green run | kernel | Debian suite | flavour | compiler | "
            "CPU model | cases |", "|---|---|---|---|---|---|---|"]
    for k in load():
        i = k.info()
        runs = results.get(k.name, {})
        green = []
        for x in ("default", "full"):
            r = runs.get("green-" + x) or runs.get(x, {})
            if r.get("result", "").startswith("pass"):
                green.append("%s %s: %s" % (
                    r.get("date", "?"),
                    "make check-full" if x == "full" else "make check",
                    r["result"][len("pass: "):].split(" (")[0]))
        cc = i.get("cc_version_text", "")
        cc = "%s %s" % (i.get("compiler", "?"),
                        cc[cc.find("("):cc.find(")") + 1] if "(" in cc else "")
        rows.append("| %s | %s | %s | %s | %s | %s | %s |" % (
            "; ".join(green) or "none yet",
            "`%s` %s" % (k.name, i.get("release", "")),
            " + ".join(k.suites), k.flavour, cc.strip(),
            k.cpu + (" " + k.append if k.append else ""),
            k.set + (", also in make check" if k.check == "full" else "")))
    return "\n".join(rows)


BEGIN, END = "<!-- tested-kernels:begin -->", "<!-- tested-kernels:end -->"
README = os.path.join(ROOT, "README.md")


def readme_block(path=README):
    """The table between the markers in README.md, or None."""
    with open(path) as f:
        text = f.read()
    if BEGIN not in text or END not in text:
        return None
    return text.split(BEGIN, 1)[1].split(END, 1)[0].strip()


def write_readme(path=README):
    with open(path) as f:
        text = f.read()
    head, rest = text.split(BEGIN, 1)
    tail = rest.split(END, 1)[1]
    with open(path, "w") as f:
        f.write(head + BEGIN + "\n" + readme_table() + "\n" + END + tail)


if __name__ == "__main__":
    if sys.argv[1:] == ["--names"]:
        print("\n".join(k.name for k in load()))
    elif sys.argv[1:] == ["--readme"]:
        print(readme_table())
    elif sys.argv[1:] == ["--write-readme"]:
        write_readme()
    else:
        sys.exit(__doc__)
