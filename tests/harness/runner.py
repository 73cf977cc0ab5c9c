# SPDX-License-Identifier: GPL-2.0
"""tests/run: host unit tests, the builds and static checks, then the
emulated matrix (cases.py).

Each boot of the matrix is a real qemu-system-aarch64 run of a Debian arm64
kernel; its guest script declares its plan and prints one EL2R-TAP line per
assertion on the channel, the runner adds its own (boot finished in time,
the plan kept, no oops on the console, the gdbstub oracle) and prints one
TAP line per assertion, then "N passed, N failed".
Console logs: build/logs/<kernel>-<case>.log

usage: tests/run [-k KERNEL]... [-f SUBSTRING] [-j N] [--list] [--suite S]
"""

import argparse
import concurrent.futures
import json
import os
import subprocess
import time

from . import build
from . import checks
from . import kernels
from . import qemu
from . import results as results_mod
from . import static_checks
from .cases import ROWS, SUITES

KERNELS = kernels.load()       # scripts/kernels.conf
NAMES = [k.name for k in KERNELS]


def run_boot(case, kernel, initrd, el2code, verbose=False, row=None):
    k = kernels.by_name()[kernel]
    name = "%s-%s%s" % (kernel, case.name, "@" + row if row else "")
    pre = "%s/%s%s: " % (kernel, case.name, "@" + row if row else "")
    cpu = case.cpu_for(k)
    append, machine = case.append, case.machine
    if row:
        r = ROWS[row]
        if not cpu:
            cpu, append = r["cpu"], append + " " + r["append"]
        machine = ",".join(dict.fromkeys(
            m for m in (machine, r["machine"]) if m))
    try:
        b = qemu.Boot(name, kernel, initrd,
                      "el2r.test=%s %s%s%s" % (
                          case.script, append,
                          " el2r.baseline=1" if case.baseline else "",
                          " " + k.append if k.append else ""),
                      cpu=cpu or k.cpu, smp=case.smp, mem=case.mem,
                      virt=case.virt, timeout=case.timeout, verbose=verbose,
                      el2code=el2code, machine=machine,
                      accel=qemu.MULTI if case.mttcg else qemu.SINGLE)
        b.run()
        res = [(ok, pre + d) for ok, d in b.results]
        res += checks.boot_checks(b, pre, case.boots, case.end, case.console,
                                  case.crash_marker, case.allow)
    except Exception as e:  # a harness error is a failure, not a traceback
        return name, None, [(False, pre + "harness error: %r" % e)]
    return name, b, res


def save_results(per_kernel, suite, filtered):
    """build/kernel-results.json: per kernel and suite, what the last
    whole run showed (README's "Tested kernels", tests/harness/readme.py)."""
    path = os.path.join(build.BUILD, "kernel-results.json")
    try:
        with open(path) as f:
            old = json.load(f)
    except (OSError, ValueError):
        old = {}
    for k, r in per_kernel.items():
        b = sorted(r.pop("boots"))
        r["boot"] = "%.1f" % b[len(b) // 2] if b else "?"
        r["seconds"] = round(r["seconds"])
        r["suite"], r["filtered"] = suite, filtered
        r["date"] = time.strftime("%Y-%m-%d")
        if suite in ("default", "full") and not filtered:
            r["result"] = "%s: %d cases, %d/%d assertions (%s)" % (
                "pass" if not r["failed"] else "FAIL", r["cases"],
                r["passed"], r["passed"] + r["failed"],
                "make check-full" if suite == "full" else "make check")
            old.setdefault(k, {})[suite] = r
            # README's "Tested kernels" leads with the last green run
            if not r["failed"]:
                old[k]["green-" + suite] = r
    os.makedirs(build.BUILD, exist_ok=True)
    with open(path, "w") as f:
        json.dump(old, f, indent=1, sort_keys=True)


def build_error(e):
    """What a failed build step said: the command and the last lines of
    its output (the compiler's or kbuild's own error)."""
    msg = str(e)
    out = ((getattr(e, "stderr", None) or "") + "\n" +
           (getattr(e, "stdout", None) or "")).strip()
    if out:
        msg += " -- " + " | ".join(out.splitlines()[-4:])
    return msg


def last_timings():
    try:
        with open(os.path.join(build.BUILD, "timings.json")) as f:
            return json.load(f).get("cases", {})
    except (OSError, ValueError, AttributeError):
        return {}


LAST = last_timings()


def expected_seconds(case, kernel):
    """How long the case ran last time (build/timings.json), else a guess
    from its kernels booted."""
    t = LAST.get("%s-%s" % (kernel, case.name))
    if isinstance(t, dict):
        try:
            return sum(float(v) for v in t.values())
        except (TypeError, ValueError):
            pass
    return 30.0 * case.boots


# (suite, row, kernels named) -> the proof a whole run is (tests/results.py)
PROOF = {("default", None, False): "check", ("full", None, False):
         "check-full", ("full", "max-mte", True): "check-features",
         ("newqemu", None, False): "check-newqemu",
         ("soak", None, False): "soak"}


def print_time(t0, t_boots, spent, jobs, timings):
    """Where the wall time went: unit tests and builds, then the machines'
    seconds by phase, and the job slots left idle (build/timings.json)."""
    now = time.time()
    wall, booting = now - t0, now - t_boots
    machine = sum(spent[k] for k in ("boot", "guest", "oracle", "end"))
    lines = [
        "wall %.0fs: unit tests and builds %.0fs, then %d machines "
        "in %.0fs at -j%d (the host checks beside them)" % (
            wall, t_boots - t0, len(timings), booting, jobs),
        "machine-seconds %.0f: kernel boots (kexec included) %.0f, "
        "guest scripts %.0f, oracle %.0f (%d gdb calls), power-off %.0f"
        % (machine, spent["boot"], spent["guest"], spent["oracle"],
           spent["calls"], spent["end"]),
        "job slots idle %.0fs of %d x %.0fs" % (
            max(0.0, jobs * booting - machine), jobs, booting)]
    for line in lines:
        print("# time: " + line)
    try:
        with open(os.path.join(build.BUILD, "timings.json"), "w") as f:
            json.dump({"wall": round(wall), "build": round(t_boots - t0),
                       "jobs": jobs, "spent": spent,
                       "cases": dict(LAST, **timings)},
                      f, indent=1, sort_keys=True)
    except OSError:
        pass
    print("# wall time %.0fs" % wall)
    return lines


def unit_tests():
    """Host-side unit tests of the pure logic (tests/unit)."""
    d = os.path.join(build.ROOT, "tests", "unit")
    if not os.path.isdir(d):
        return []
    try:
        p = subprocess.run(["make", "-s", "-C", d, "run"],
                           capture_output=True, text=True)
    except OSError as e:
        return [(False, "unit: cannot run make: %s" % e)]
    res = []
    for line in p.stdout.splitlines():
        if line.startswith("ok ") or line.startswith("not ok "):
            ok = line.startswith("ok ")
            res.append((ok, "unit: " + line.split(" - ", 1)[-1]))
    res.append((p.returncode == 0, "unit: test binary exit code 0"
                + ("" if p.returncode == 0 else " -- " + p.stderr[-500:])))
    return res


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("-k", "--kernel", action="append")
    ap.add_argument("-f", "--filter", action="append")
    ap.add_argument("-x", "--exact", action="append",
                    help="run only KERNEL-CASE (exact name, as --list prints)")
    ap.add_argument("-j", "--jobs", type=int,
                    default=int(os.environ.get("EL2R_JOBS", "2")))
    ap.add_argument("--suite", default="default", choices=sorted(SUITES))
    ap.add_argument("--max-timeout", type=int,
                    help="cap every case's timeout (s): a mutant that hangs "
                    "a CPU at EL2 fails sooner")
    ap.add_argument("--row", choices=sorted(ROWS),
                    help="run the cases on this CPU row (tests/run ROWS)")
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--no-unit", action="store_true")
    ap.add_argument("--verbose", action="store_true",
                    help="echo the guest's console")
    a = ap.parse_args()

    unknown = set(a.kernel or []) - set(NAMES)
    if unknown:
        ap.error("unknown kernel %s (scripts/kernels.conf: %s)"
                 % (", ".join(sorted(unknown)), " ".join(NAMES)))
    cases = [(c, k.name) for c in SUITES[a.suite] for k in KERNELS
             if c.runs_on(k, a.suite != "default") and (not a.kernel or k.name in a.kernel) and
             (not a.filter or any(f in "%s-%s" % (k.name, c.name)
                                  for f in a.filter)) and
             (not a.exact or "%s-%s" % (k.name, c.name) in a.exact)]
    for c, _ in cases:
        if a.max_timeout:
            c.timeout = min(c.timeout, a.max_timeout)
    if a.list:
        for c, k in cases:
            print("%s-%s" % (k, c.name))
        return 0

    t0 = time.time()
    results = [] if a.no_unit else unit_tests()
    initrds, kos, codes = {}, {}, {}
    # a build that fails fails that kernel's cases, each by name; the
    # other kernels still run
    broken = {}
    try:
        build.build_guest_bin()
    except (OSError, ValueError, subprocess.CalledProcessError) as e:
        for k in {k for _, k in cases}:
            broken[k] = "guest binaries: %s" % build_error(e)
    builds = {}

    def prepare(k):
        if a.no_unit:
            ko = build.build_module(k)
        else:
            # the static check's full W=1 (and sparse) build is the module
            # the machines boot: one build of each kernel, not two
            builds[k], ko = static_checks.build_w1_sparse(k)
            if ko is None:
                raise ValueError("the W=1 build made no el2reset.ko -- "
                                 + " | ".join(d for _, d in builds[k]))
        # the oracle's reference, read once: the .ko may be rebuilt
        # while the run goes on
        codes[k] = build.el2_code(ko)
        # the payloads, for the kernels whose cases load one
        pls = []
        if any(c.script in build.PAYLOAD_SCRIPTS or
               "el2r.payload" in c.append for c, kk in cases if kk == k):
            pls = build.build_payloads(k, ko)
            codes[k].payload = build.payload_code(pls[0])
        initrds[(k, False)] = build.build_initramfs(k, ko, payloads=pls)
        for img in (True, "vmm", "kvmst"):
            if any(c.image == img for c, kk in cases if kk == k):
                initrds[(k, img)] = build.build_initramfs(k, ko, img, pls)
        kos[k] = ko

    # each kernel's build in its own directory: -j at a time
    todo = sorted({k for _, k in cases} - set(broken))
    with concurrent.futures.ThreadPoolExecutor(max(1, a.jobs)) as ex:
        for k, f in zip(todo, [ex.submit(prepare, k) for k in todo]):
            try:
                f.result()
            except (OSError, ValueError,
                    subprocess.CalledProcessError) as e:
                broken[k] = build_error(e)
    for k in sorted(broken):
        results.append((False, "build: %s: %s" % (k, broken[k])))

    # the host checks (checkpatch, lintian, the DKMS tree, the call graph...)
    # beside the machines: they leave a core partly idle on their own
    # (1.6 of 2 cores busy before they ran beside them, measured)
    statics = concurrent.futures.ThreadPoolExecutor(1)
    static_fut = statics.submit(static_checks.run, sorted(kos), kos, a.jobs,
                                builds) if not a.no_unit and kos else None
    per_kernel = {}
    n = 0
    for ok, d in results:
        n += 1
        print("%s %d - %s" % ("ok" if ok else "not ok", n, d), flush=True)
    t_boots = time.time()
    spent = dict.fromkeys(("boot", "guest", "oracle", "end", "calls"), 0.0)
    timings = {}
    with concurrent.futures.ThreadPoolExecutor(max(1, a.jobs)) as ex:
        # longest first (the last run's times): no slot idles at the end
        # while one long case runs alone; results still print in order
        futs = {}
        for c, k in sorted(cases, key=lambda ck: -expected_seconds(*ck)):
            if k not in broken:
                futs[(c, k)] = ex.submit(run_boot, c, k,
                                         initrds[(k, c.image)], codes[k],
                                         a.verbose, a.row)
        futs = [futs.get((c, k)) for c, k in cases]
        for (c, k), f in zip(cases, futs):
            if f is None:
                name, b, res = "%s-%s" % (k, c.name), None, [
                    (False, "%s/%s: not run: the build for %s failed"
                     % (k, c.name, k))]
            else:
                name, b, res = f.result()
            r = per_kernel.setdefault(k, {"cases": 0, "passed": 0,
                                          "failed": 0, "seconds": 0.0,
                                          "boots": []})
            r["cases"] += 1
            r["passed"] += sum(1 for ok, _ in res if ok)
            r["failed"] += sum(1 for ok, _ in res if not ok)
            if b:
                r["seconds"] += b.seconds
                if b.boot_seconds is not None:
                    r["boots"].append(b.boot_seconds)
            if b:
                ph = b.phases()
                for kk, v in ph.items():
                    spent[kk] += v
                spent["calls"] += b.oracle_calls
                timings[name] = dict((kk, round(v, 1)) for kk, v in
                                     ph.items())
                print("# %s: %.0fs (boot %.0f, guest %.0f, oracle %.0f in "
                      "%d gdb calls, end %.0f), log %s" % (
                          name, b.seconds, ph["boot"], ph["guest"],
                          ph["oracle"], b.oracle_calls, ph["end"],
                          os.path.relpath(b.log_path, build.ROOT)),
                      flush=True)
                for kb in b.known_bugs:
                    print("# %s: known kernel bug on the console, excused: "
                          "%s" % (name, kb), flush=True)
            for ok, d in res:
                n += 1
                print("%s %d - %s" % ("ok" if ok else "not ok", n, d),
                      flush=True)
            results += res
    if static_fut:
        try:
            res = static_fut.result()
        except Exception as e:  # a harness error is a failure, not a crash
            res = [(False, "static checks: harness error: %r" % e)]
        for ok, d in res:
            n += 1
            print("%s %d - %s" % ("ok" if ok else "not ok", n, d), flush=True)
        results += res
    statics.shutdown()
    passed = sum(1 for ok, _ in results if ok)
    failed = len(results) - passed
    save_results(per_kernel, a.suite, bool(a.filter or a.exact or a.row))
    for k, r in sorted(per_kernel.items()):
        print("# %s: %d cases, %d passed, %d failed, boot to init %s s "
              "(median), %.0f machine-seconds" % (
                  k, r["cases"], r["passed"], r["failed"],
                  r["boot"], r["seconds"]))
    summary = print_time(t0, t_boots, spent, max(1, a.jobs), timings)
    print("%d passed, %d failed" % (passed, failed))
    proof = PROOF.get((a.suite, a.row, bool(a.kernel)))
    if proof == "check-features" and "EL2R_QEMU" in os.environ:
        proof = "check-newqemu-row"
    if proof and not (a.filter or a.exact or a.max_timeout):
        results_mod.record(proof, time.time() - t0, "%d passed, %d failed"
                           % (passed, failed), not failed and results,
                           summary)
    return 1 if failed or not results else 0
