# SPDX-License-Identifier: GPL-2.0
"""README's "Tested kernels" table: scripts/kernels.conf, what setup
recorded of each kernel and the last whole runs (build/kernel-results.json).

    python3 -m harness.readme --readme        print it (from tests/)
    make readme-kernels                       put it into README.md
"""

import json
import os
import sys

from . import kernels


ROOT = kernels.ROOT


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
    for k in kernels.load():
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
    if sys.argv[1:] == ["--readme"]:
        print(readme_table())
    elif sys.argv[1:] == ["--write-readme"]:
        write_readme()
    else:
        sys.exit(__doc__)
