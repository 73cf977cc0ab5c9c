#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Host unit tests of the harness itself (tests/harness): a whole qemu.Boot
run against a fake qemu that speaks the protocol on the channel (a Unix
socket, as QEMU's -chardev socket), the plan checks of checks.py, and the
case table's data (cases.py). One TAP line per assertion."""

import glob
import os
import re
import sys
import tempfile

from tap import Tap  # noqa: E402 (the package's path too)
from harness import build, cases, checks, kernels, qemu  # noqa: E402

TAP = Tap("harness")
ok = TAP.ok


# The fake qemu: listens where -chardev says, waits for the runner (as
# wait=on), then plays a guest. $FAKE_PLAN_LATE: the plan after the first
# assertion. Kernel messages go to stdout (the console) only.
FAKE = r'''
import os, socket, sys
path = [a for a in sys.argv if a.startswith("socket,")][0]
path = path.split("path=")[1].split(",")[0]
srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
srv.bind(path)
srv.listen(1)
ch, _ = srv.accept()
f = ch.makefile("rwb", buffering=0)
def say(s):
    f.write((s + "\n").encode())
print("[    0.000000] Booting Linux on physical CPU 0x0", flush=True)
say("EL2R-BOOTED kernel=fake test=t cpus=4 " + sys.argv[sys.argv.index("-append") + 1].split()[-1])
late = os.environ.get("FAKE_PLAN_LATE")
if not late:
    say("EL2R-PLAN: 1..2")
say("EL2R-TAP: ok 1 - first")
if late:
    say("EL2R-PLAN: 1..2")
if os.environ.get("FAKE_STALL"):
    # a CPU wedged: the kernel's report, then nothing until killed
    print("[   30.500000] rcu: INFO: rcu_sched self-detected stall on CPU",
          flush=True)
    print("[   30.600000] Call trace:", flush=True)
    import time
    time.sleep(120)
print("[    1.000000] a kernel message between the lines", flush=True)
say("EL2R-ORACLE: no-such-request")
answer = f.readline().decode().strip()
say("EL2R-TAP: %s 2 - the host answered 'fail', no WARNING: here" %
    ("ok" if answer == "fail" else "not ok"))
say("EL2R-END")
# the line before power-off is answered: exit 3 if it is not
sys.exit(0 if f.readline().decode().strip() == "ok" else 3)
'''


def fake_boot(name, late=False, stall=False):
    d = tempfile.mkdtemp()
    fake = os.path.join(d, "fake-qemu")
    with open(fake, "w") as f:
        f.write(FAKE)
    old, qemu.QEMU = qemu.QEMU, [sys.executable, fake]
    if late:
        os.environ["FAKE_PLAN_LATE"] = "1"
    if stall:
        os.environ["FAKE_STALL"] = "1"
    grace, qemu.STALL_GRACE = qemu.STALL_GRACE, 1
    try:
        b = qemu.Boot(name, None, "/dev/null", "", image="/dev/null",
                      timeout=30)
        b.run()
    finally:
        qemu.QEMU, qemu.STALL_GRACE = old, grace
        os.environ.pop("FAKE_PLAN_LATE", None)
        os.environ.pop("FAKE_STALL", None)
    return b


b = fake_boot("unit-channel")
ok(b.exit_code == 0 and not b.timed_out, "the fake qemu ran to its end, "
   "its EL2R-END answered (exit %s)" % b.exit_code)
ok(b.taps == [[(1, True, "first"), (2, True, "the host answered 'fail', no "
                "WARNING: here")]],
   "both results read from the channel, the second after the host's "
   "answer came back on it: %s" % b.taps)
ok(b.plans == [2] and not b.late_plans, "the plan, declared first")
ok("el2r.channel=ttyS0" in " ".join(b.lines),
   "the guest was told its channel on the command line")
ok([d for k, d in b.results if not k] and
   all(not k and d.startswith("oracle: no-such-request")
       for k, d in b.results if not k),
   "the bad oracle request failed, by name: %s" %
   [d for k, d in b.results if not k])
res = checks.boot_checks(b, "", 1, "EL2R-END")
ok(all(k for k, _ in res), "the runner's checks pass: %s" %
   [d for k, d in res if not k])
ok(len(b.from_channel) == 6 and all("EL2R-" in b.lines[i]
                                    for i in b.from_channel),
   "the channel's 6 lines told apart from the console's")
log = open(b.log_path).read()
ok("ch: EL2R-PLAN: 1..2" in log and "\n[    1.000000] a kernel message" in
   log, "the log holds both, the channel's lines marked 'ch:'")

b = fake_boot("unit-channel-late", late=True)
res = checks.tap_checks(b, "")
ok(b.late_plans == [1] and not res[0][0] and res[1][0] and
   "the plan came after an assertion" in res[0][1],
   "a plan after the first assertion fails (its count alone is right): %s"
   % res[0][1])

b = fake_boot("unit-channel-stall", stall=True)
res = checks.boot_checks(b, "", 1, "EL2R-END")
end = [d for k, d in res if "reached 'EL2R-END'" in d]
ok(b.timed_out and b.stalled and b.seconds < 15 and
   "self-detected stall" in b.stalled[1],
   "a stall report ends the run STALL_GRACE after it, not at its 30 s "
   "timeout (%.1fs)" % b.seconds)
ok(end and not [k for k, d in res if d == end[0]][0] and
   "after the kernel's stall report" in end[0] and
   "s after a stall report)" in open(b.log_path).read(),
   "and fails, the report named, the log saying why it ended: %s" % end)

class Fake:     # what checks.tap_checks reads of a Boot
    def __init__(self, taps, plans, late=()):
        self.taps, self.plans, self.late_plans = taps, plans, list(late)


T = [(1, True, "a"), (2, True, "b"), (3, True, "c")]
ok([r[0] for r in checks.tap_checks(Fake([T], [3]), "")] == [True, True],
   "1..3 planned, 1..3 read")
ok([r[0] for r in checks.tap_checks(Fake([T[:2]], [3]), "")] ==
   [True, False], "1..3 planned, 2 read: fails (a script cut short)")
ok([r[0] for r in checks.tap_checks(Fake([T], [None]), "")] ==
   [False, False], "no plan: fails")
ok(not checks.tap_checks(Fake([[T[0], T[2]]], [2]), "")[1][0],
   "a gap in the numbers fails")
ok([r[0] for r in checks.tap_checks(Fake([T, T[:1]], [3, 1]), "")] ==
   [True] * 4, "one plan per kernel of a kexec run")


class K:        # what Case reads of a kernel
    def __init__(self, name, version, full=True):
        self.name, self.version, self.full = name, version, full

    def runs_full(self, check_full):
        return self.full


k61, k612, k73 = K("6.1", (6, 1)), K("6.12", (6, 12)), K("7.3", (7, 3))
c = cases.Case("x", "owner", since="6.12")
ok([c.runs_on(k) for k in (k61, k612, k73)] == [False, True, True],
   "since=6.12: 6.12 and 7.3, not 6.1")
c = cases.Case("x", "owner", before="6.12")
ok([c.runs_on(k) for k in (k61, k612, k73)] == [True, False, False],
   "before=6.12: 6.1 only")
c = cases.Case("x", "owner", cpu={"7.0": "max"})
ok([c.cpu_for(k) for k in (k61, k73)] == [None, "max"],
   "cpu={'7.0': 'max'}: the kernel's own model before 7.0, max from it")
ok(not cases.Case("x", "owner").runs_on(K("7.3-rt", (7, 3), False)) and
   cases.Case("x", "owner", core=True).runs_on(K("7.3-rt", (7, 3), False)),
   "a core kernel runs core cases only")
names = {(c.name, c.script) for s in cases.SUITES.values() for c in s}
ok(len({c for s in cases.SUITES.values() for c in s}) > 40 and
   all(os.path.exists(os.path.join(kernels.ROOT, "tests", "guest",
                                   s + ".sh")) for _, s in names),
   "every case's script exists in tests/guest (%d cases)" % len(names))

# the runner builds the payload modules only for kernels whose cases load
# one: every script that does is named in build.PAYLOAD_SCRIPTS
users = sorted(os.path.basename(f)[:-3] for f in glob.glob(os.path.join(
    kernels.ROOT, "tests", "guest", "*.sh"))
    if os.path.basename(f) != "lib.sh" and
    re.search(r"\$(TVM_KO|PP_KO)\b", open(f).read()))
ok(users and set(users) <= set(build.PAYLOAD_SCRIPTS),
   "every guest script that loads a payload module is in "
   "build.PAYLOAD_SCRIPTS (%s)" % ", ".join(users))

sys.exit(TAP.done())
