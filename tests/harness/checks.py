# SPDX-License-Identifier: GPL-2.0
"""The runner's own assertions on a finished Boot (tests/qemu.py): each
kernel of the run reached its script, which declared its plan and printed
exactly the numbered KTAP lines it planned; the run reached its end and
qemu exited 0 in time; the console shows what it must; no oops,
panic, BUG, WARNING or failed el2reset teardown anywhere on the console."""

import re

BAD_RE = re.compile(r"Internal error: Oops|Kernel panic|BUG:|WARNING:|"
                    r"sleeping function called from invalid context|"
                    r"possible (circular|recursive) locking|"
                    r"Unable to handle kernel|Call trace:|"
                    r"el2reset: (CPU\d+: \w+ \(\w+\) failed|CPU\d+: EL2 took|"
                    r".*teardown FAILED|unloaded with EL2 not handed back)")


def tap_checks(b, pre):
    """Each kernel boot's script declared its plan, EL2R-PLAN 1..N,
    before its first assertion, and its EL2R-TAP lines are numbered 1..N
    with no gap (a lost or garbled line, a skipped branch, a script cut
    short fail): two assertions per kernel."""
    res = []
    late = b.late_plans
    for i, (taps, plan) in enumerate(zip(b.taps, b.plans)):
        seqs = [s for s, _, _ in taps]
        want = list(range(1, len(seqs) + 1))
        first = plan is not None and i + 1 not in late
        res.append((first, pre + "kernel %d: its script declared its plan "
                    "(1..%s) before its first assertion%s" % (
                        i + 1, plan, "" if first else
                        " -- no plan" if plan is None else
                        " -- the plan came after an assertion")))
        ok = plan is not None and seqs == want and plan == len(seqs)
        res.append((ok, pre + "kernel %d: KTAP lines 1..%s as planned "
                    "(%d read%s)" % (i + 1, plan, len(seqs),
                                     "" if seqs == want else
                                     ", numbers %s" % seqs[:40])))
    return res


# Reports of bugs in a test kernel itself, seen where el2reset takes no
# part, excused only whole: from the first line to "---[ end trace", with
# the named function in the trace. tests/guest/lib.sh's dmesg_clean
# excuses the same blocks (KNOWN_BUG_RE there).
KNOWN_BUGS = [
    # Debian 7.3's KVM, TCG cortex-a57: a CPU coming online under an
    # initialised KVM indexes past hyp_spectre_vector_selector[4]; seen in
    # kvm-events, where el2reset has refused to load before any HVC. The
    # cause (Spectre-v3a's slot += 2 on every CPU online) and its EL2 wedge
    # on 6.12: Documentation/design.rst "Known limits", kvmhotplug suite
    ("7.3 KVM: cpu_set_hyp_vector() array index out of bounds on CPU online",
     re.compile(r"UBSAN: array-index-out-of-bounds in "
                r"\S*arch/arm64/kvm/arm\.c:"), "cpu_set_hyp_vector+"),
]


def known_bug_blocks(lines):
    """{index of a line: name of the known bug whose report holds it}."""
    out = {}
    for name, start, must in KNOWN_BUGS:
        i = 0
        while i < len(lines):
            if start.search(lines[i]):
                j = i
                while j < len(lines) and "---[ end trace" not in lines[j]:
                    j += 1
                block = range(i, min(j + 1, len(lines)))
                if any(must in lines[x] for x in block):
                    out.update((x, name) for x in block)
                i = j
            i += 1
    return out


def bad_lines(lines, crash_marker=None, allow=(), known=None, skip=()):
    """Console lines that show a kernel or el2reset failure. With
    @crash_marker (a deliberate crash: kdump), the panic report between that
    marker and the next kernel's EL2R-BOOTED is expected, not a failure;
    lines holding one of @allow are a case's deliberate failures; lines of
    a KNOWN_BUGS report are the kernel's (names added to @known); lines
    at the indexes in @skip are the guest scripts' own (the channel)."""
    bad, crashing = [], False
    excused = known_bug_blocks(lines)
    for i, l in enumerate(lines):
        if crash_marker and crash_marker in l:
            crashing = True
        elif "EL2R-BOOTED" in l:
            crashing = False
        elif i in excused:
            if known is not None:
                known.add(excused[i])
        elif BAD_RE.search(l) and not crashing and i not in skip and \
                not any(a in l for a in allow):
            bad.append(l)
    return bad


def boot_checks(b, pre, boots, end, console=(), crash_marker=None,
                allow=()):
    res = []
    nboot = sum(1 for l in b.lines if "EL2R-BOOTED" in l)
    res.append((nboot == boots, pre + "booted to the test script %d "
                "time(s) (%d)" % (boots, nboot)))
    stalled = getattr(b, "stalled", None) if b.timed_out else None
    res.append((b.saw(end) and not b.timed_out and b.exit_code == 0,
                pre + "reached '%s' and qemu exited 0 within %ds (%.0fs, "
                "exit %s)" % (end, b.timeout, b.seconds, b.exit_code) +
                (" -- ended %.0fs after the kernel's stall report at %.0fs:"
                 " %s" % (b.seconds - stalled[0], stalled[0],
                          stalled[1][:100])
                 if stalled else "")))
    for text in console:
        res.append((b.saw(text), pre + "console shows '%s'" % text))
    res += tap_checks(b, pre)
    known = set()
    bad = bad_lines(b.lines, crash_marker, allow, known,
                    b.from_channel)
    b.known_bugs = sorted(known)
    res.append((not bad, pre + "no oops, panic, BUG, WARNING or failed "
                "teardown on the console" + ("" if not bad else " -- " +
                                             bad[0])))
    return res
