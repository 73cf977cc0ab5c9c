# SPDX-License-Identifier: GPL-2.0
"""Host-side hygiene checks: builds clean at W=1 with sparse on every bench
kernel, the kernel's checkpatch.pl --strict finds no error or warning,
modinfo shows what a user expects, and the one version is the same
everywhere. Each returns [(ok, description)]."""

import glob
import os
import re
import shutil
import subprocess

import build
import kernels

ROOT = build.ROOT


def sources():
    pats = ["module/*.c", "module/*.h", "asm/*.S", "include/*.h"]
    return sorted(f for p in pats for f in glob.glob(os.path.join(ROOT, p)))


def _build(kernel, tag, args):
    d = os.path.join(build.BUILD, kernel, tag)
    shutil.rmtree(d, ignore_errors=True)
    env = dict(os.environ, EL2R_BUILD_DIR=d)
    p = subprocess.run([os.path.join(ROOT, "scripts/build"), kernel] + args,
                       capture_output=True, text=True, env=env)
    # not warnings about el2reset: the 6.x headers ship no vmlinux for
    # BTF; a sparse-only root's pahole is newer than the kernel's
    noise = re.compile(r"^(Skipping BTF generation|/.*\.ko$|warning: pahole "
                       r"version differs|  The kernel was built with|"
                       r"  You are using)" if tag == "sparse" else
                       r"^(Skipping BTF generation|/.*\.ko$)")
    out = [l for l in (p.stdout + p.stderr).splitlines()
           if l.strip() and not noise.match(l)]
    return p.returncode == 0 and not out, out


def build_w1_sparse(kernel):
    """W=1 and sparse (C=2) in one build with the kernel's compiler; where
    that compiler's build root has a sparse too old for the headers, W=1
    there and sparse in the later root setup found (kernel.json)."""
    info = kernels.by_name()[kernel].info()
    cc = "%s%s" % (info.get("compiler", "?"),
                   " in " + os.path.basename(info["buildroot"])
                   if info.get("buildroot") else " on the host")
    if not info.get("checkroot"):
        ok, out = _build(kernel, "check", ["W=1", "C=2"])
        return [(ok, "static: %s: builds with W=1 and sparse (C=2), %s, "
                 "no warning%s" % (kernel, cc, "" if ok else " -- " +
                                   " | ".join(out[:5])))]
    ok, out = _build(kernel, "check", ["W=1"])
    res = [(ok, "static: %s: builds with W=1, %s, no warning%s"
            % (kernel, cc, "" if ok else " -- " + " | ".join(out[:5])))]
    ok, out = _build(kernel, "sparse", ["W=1", "C=2"])
    res.append((ok, "static: %s: sparse (C=2) in %s, no warning%s"
                % (kernel, os.path.basename(info["checkroot"]),
                   "" if ok else " -- " + " | ".join(out[:5]))))
    return res


def checkpatch():
    cp = os.path.join(build.CACHE, "checkpatch", "checkpatch.pl")
    if not os.path.exists(cp):
        return [(False, "static: checkpatch.pl present (scripts/setup)")]
    p = subprocess.run(["perl", cp, "--no-tree", "--strict", "--terse",
                        "--show-types", "-f"] + sources(),
                       capture_output=True, text=True)
    bad = [l for l in p.stdout.splitlines()
           if ": ERROR:" in l or ": WARNING:" in l]
    # checkpatch ran (exit 0 or 1, nothing on stderr) and its exit status
    # agrees with what it printed (--strict: a CHECK fails it too): a
    # checkpatch that cannot start passes nothing
    issues = [l for l in p.stdout.splitlines() if re.search(
        r": (ERROR|WARNING|CHECK):", l)]
    ran = p.returncode in (0, 1) and not p.stderr.strip() and \
        (p.returncode == 0) == (not issues)
    if not ran:
        bad.append("checkpatch did not run cleanly (exit %d): %s"
                   % (p.returncode, (p.stdout + p.stderr)[-300:]))
    # Remaining CHECKs are justified in the code: user-visible strings are
    # not split (decide.c), token-pasting macros reuse their arguments, and
    # TRACE_EVENT() is laid out as include/trace/events/ lays it out.
    checks = [l for l in p.stdout.splitlines() if ": CHECK:" in l]
    allowed = [l for l in checks
               if ("LONG_LINE" in l and "/decide.c:" in l)
               or "MACRO_ARG_REUSE" in l
               or ("/trace.h:" in l and ("OPEN_ENDED_LINE" in l or
                                         "PARENTHESIS_ALIGNMENT" in l))]
    return [(not bad, "static: checkpatch --strict: no ERROR or WARNING"
             + ("" if not bad else " -- " + " | ".join(bad[:5]))),
            (len(checks) == len(allowed),
             "static: checkpatch --strict: only the justified CHECKs (%d)"
             % len(checks)
             + ("" if len(checks) == len(allowed) else " -- " +
                " | ".join(sorted(set(checks) - set(allowed))[:5])))]


def modinfo(ko):
    def field(f):
        return subprocess.run(["modinfo", "-F", f, ko], capture_output=True,
                              text=True).stdout.strip()
    res = [(field("license") == "GPL", "static: modinfo license GPL")]
    for f in ("author", "description", "version"):
        res.append((bool(field(f)), "static: modinfo %s: %s" % (f, field(f))))
    version = build.version()
    res.append((field("version") == version,
                "static: modinfo version is VERSION (%s)" % version))
    parms = field("parm").splitlines()
    ok = len(parms) >= 3 and all(re.match(r"^\w+:.{10,} \(\w+\)$", p)
                                 for p in parms)
    res.append((ok, "static: every module parameter has a description (%s)"
                % ", ".join(p.split(":")[0] for p in parms)))
    return res


def dkms_version():
    version = build.version()
    conf = open(os.path.join(ROOT, "dkms.conf")).read()
    m = re.search(r'^PACKAGE_VERSION="([^"]*)"', conf, re.M)
    return [(m is not None and m.group(1) == version,
             "static: dkms.conf PACKAGE_VERSION is VERSION (%s)" % version)]


def dkms_tree(kernel):
    """The tree "make dkms-src" installs for DKMS is complete: dkms.conf's
    own MAKE[0] and CLEAN lines, with DKMS's ${kernel_source_dir} set to a
    bench kernel's headers, build and clean the module in that copy."""
    tree = build.dkms_src(os.path.join(build.BUILD, "dkms-src"))
    conf = open(os.path.join(tree, "dkms.conf")).read()
    hdr = os.path.join(build.CACHE, "kernels", kernel, "build")
    env = dict(os.environ, kernel_source_dir=hdr, ARCH="arm64",
               CROSS_COMPILE="aarch64-linux-gnu-")
    res = []
    for key, want in (("MAKE\\[0\\]", True), ("CLEAN", False)):
        m = re.search(r'^%s="([^"]*)"' % key, conf, re.M)
        p = subprocess.run(["sh", "-c", m.group(1) if m else "false"],
                           cwd=tree, env=env, capture_output=True, text=True)
        ko = os.path.exists(os.path.join(tree, "el2reset.ko"))
        res.append((p.returncode == 0 and ko == want,
                    "static: %s: dkms.conf %s in the make dkms-src tree %s"
                    % (kernel, key.replace("\\", ""),
                       "builds el2reset.ko" if want else "cleans it")
                    + ("" if p.returncode == 0 else " -- " + p.stderr[-300:])))
    return res


def run(kernels, ko_by_kernel):
    res = []
    for k in kernels:
        res += build_w1_sparse(k)
    res += checkpatch()
    res += modinfo(ko_by_kernel[kernels[0]])
    res += dkms_version()
    res += dkms_tree(kernels[0])
    return res
