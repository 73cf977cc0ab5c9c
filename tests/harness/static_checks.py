# SPDX-License-Identifier: GPL-2.0
"""Host-side hygiene checks: builds clean at W=1 with sparse on every test
kernel, the kernel's checkpatch.pl --strict finds no error or warning,
modinfo shows what a user expects, and the one version is the same
everywhere. Each returns [(ok, description)]."""

import concurrent.futures
import glob
import os
import re
import shutil
import subprocess

from . import build
from . import kernels
from . import readme
kernels_mod = kernels  # run() has a parameter of that name

ROOT = build.ROOT


def sources():
    pats = ["module/*.c", "module/*.h", "asm/*.S", "include/*.h",
            "examples/*/*.[chS]", "tests/payload/*.[chS]"]
    return sorted(f for p in pats for f in glob.glob(os.path.join(ROOT, p)))


def _build(kernel, tag, args):
    """A full build in build/KERNEL/TAG (emptied first: every file compiles
    and shows its warnings): (clean, warning lines, the .ko's path)."""
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
    ko = (p.stdout.strip().splitlines() or [""])[-1]
    return p.returncode == 0 and not out, out, \
        ko if p.returncode == 0 and ko.endswith(".ko") else None


def build_w1_sparse(kernel):
    """W=1 and sparse (C=2) in one build with the kernel's compiler; where
    that compiler's build root has a sparse too old for the headers, W=1
    there and sparse in the later root setup found (kernel.json).
    (results, the W=1 build's el2reset.ko or None): W=1 and sparse change
    no generated code, so make check boots that module."""
    info = kernels.by_name()[kernel].info()
    cc = "%s%s" % (info.get("compiler", "?"),
                   " in " + os.path.basename(info["buildroot"])
                   if info.get("buildroot") else " on the host")
    if not info.get("checkroot"):
        ok, out, ko = _build(kernel, "check", ["W=1", "C=2"])
        return [(ok, "static: %s: builds with W=1 and sparse (C=2), %s, "
                 "no warning%s" % (kernel, cc, "" if ok else " -- " +
                                   " | ".join(out[:5])))], ko
    ok, out, ko = _build(kernel, "check", ["W=1"])
    res = [(ok, "static: %s: builds with W=1, %s, no warning%s"
            % (kernel, cc, "" if ok else " -- " + " | ".join(out[:5])))]
    ok, out, _ = _build(kernel, "sparse", ["W=1", "C=2"])
    res.append((ok, "static: %s: sparse (C=2) in %s, no warning%s"
                % (kernel, os.path.basename(info["checkroot"]),
                   "" if ok else " -- " + " | ".join(out[:5]))))
    return res, ko


def _xmacro_arg_unused(line):
    """A MACRO_ARG_UNUSED warning on a #define of EL2R_EVENT (the
    X-macro of el2r_events.h) or el2r_assign_str (compat.h)."""
    m = re.match(r"(.+?):(\d+): WARNING:MACRO_ARG_UNUSED:", line)
    if not m:
        return False
    try:
        with open(m.group(1)) as f:
            text = f.read().splitlines()[int(m.group(2)) - 1]
    except (OSError, IndexError):
        return False
    return re.match(r"#define (EL2R_EVENT|el2r_assign_str)\(", text) \
        is not None


def checkpatch():
    cp = os.path.join(build.CACHE, "checkpatch", "checkpatch.pl")
    if not os.path.exists(cp):
        return [(False, "static: checkpatch.pl present (scripts/setup)")]
    p = subprocess.run(["perl", cp, "--no-tree", "--strict", "--terse",
                        "--show-types", "-f"] + sources(),
                       capture_output=True, text=True)
    # checkpatch is the host's own (scripts/setup): 6.1's on bookworm,
    # 6.12's on trixie. 6.12's MACRO_ARG_UNUSED flags the X-macro
    # expansions of el2r_events.h (each expansion takes the fields it
    # needs) and the compat wrapper whose newer form drops an argument:
    # by design, and allowed only on those definitions
    bad = [l for l in p.stdout.splitlines()
           if (": ERROR:" in l or ": WARNING:" in l) and
           not _xmacro_arg_unused(l)]
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
    res = [(m is not None and m.group(1) == version,
            "static: dkms.conf PACKAGE_VERSION is VERSION (%s)" % version)]
    with open(os.path.join(ROOT, "debian", "changelog")) as f:
        m = re.match(r"^el2reset \(([^)]*)\)", f.readline())
    res.append((m is not None and m.group(1) == version,
                "static: debian/changelog's top entry is VERSION (%s)"
                % (m.group(1) if m else "unparsed")))
    with open(os.path.join(ROOT, "CHANGELOG.md")) as f:
        m = re.search(r"^## (\S+)", f.read(), re.M)
    res.append((m is not None and m.group(1) == version,
                "static: CHANGELOG.md's top entry is VERSION (%s)"
                % (m.group(1) if m else "unparsed")))
    return res


def deb_package():
    """make deb builds el2reset-dkms_VERSION_all.deb; lintian finds no
    error or warning in it or its .changes; it holds the DKMS tree under
    /usr/src/el2reset-VERSION, el2reset-selftest with its checks, man page
    and kexec unit, and nothing else but the docs;
    it depends on dkms; its maintainer scripts add/build/install through
    DKMS on configure and remove every build on removal."""
    version = build.version()
    d = os.path.join(build.BUILD, "deb")
    p = subprocess.run(["make", "-s", "-C", ROOT, "deb"],
                       capture_output=True, text=True)
    deb = os.path.join(d, "el2reset-dkms_%s_all.deb" % version)
    if p.returncode != 0 or not os.path.exists(deb):
        return [(False, "static: make deb builds el2reset-dkms_%s_all.deb -- "
                 "%s" % (version, (p.stdout + p.stderr)[-300:]))]
    res = [(True, "static: make deb builds el2reset-dkms_%s_all.deb"
            % version)]
    changes = glob.glob(os.path.join(d, "el2reset_%s_*.changes" % version))
    lt = subprocess.run(["lintian", "--pedantic", deb] + changes,
                        capture_output=True, text=True)
    tags = [l for l in lt.stdout.splitlines() if re.match(r"^[EW]: ", l)]
    res.append((lt.returncode == 0 and not tags and len(changes) == 1,
                "static: lintian --pedantic on the .deb and .changes: no "
                "error or warning%s" % ("" if not tags else " -- " +
                                        " | ".join(tags[:4]))))
    files = subprocess.run(["dpkg-deb", "-c", deb], capture_output=True,
                           text=True).stdout
    paths = [l.split()[-1] for l in files.splitlines()]
    src = "./usr/src/el2reset-%s/" % version
    want = ["dkms.conf", "Kbuild", "Makefile", "VERSION", "module/main.c",
            "module/cpu.c", "asm/el2_image.S", "include/el2reset_abi.h"]
    # el2reset-selftest (tools/) and what it needs
    selftest = ["./usr/sbin/el2reset-selftest",
                "./usr/share/el2reset/el2reset-checks.sh",
                "./usr/share/el2reset/kvmclient.c",
                "./usr/share/man/man8/el2reset-selftest.8.gz"]
    # its unit, where the build host's debhelper puts units: /lib on
    # bookworm's, /usr/lib on trixie's (merged /usr: the same directory on
    # either release), never both
    unit = "systemd/system/el2reset-selftest-kexec.service"
    libdir = "./usr/lib/" if "./usr/lib/" + unit in paths else "./lib/"
    selftest.append(libdir + unit)
    dirs = ("./", "./usr/", "./usr/src/", "./usr/share/", "./usr/share/doc/",
            "./usr/sbin/", "./usr/share/el2reset/", "./usr/share/man/",
            "./usr/share/man/man8/", libdir, libdir + "systemd/",
            libdir + "systemd/system/")
    stray = [x for x in paths if not x.startswith(
        ("./usr/src/el2reset-", "./usr/share/doc/el2reset-dkms/")) and
        x not in dirs and x not in selftest]
    missing = [w for w in want if src + w not in paths] + \
        [w for w in selftest if w not in paths]
    res.append((not stray and not missing,
                "static: the .deb holds the DKMS tree in %s, "
                "el2reset-selftest and nothing else%s"
                % (src, "" if not (stray or missing) else
                   " -- missing %s, stray %s" % (missing, stray))))
    dep = subprocess.run(["dpkg-deb", "-f", deb, "Depends"],
                         capture_output=True, text=True).stdout
    res.append((re.search(r"\bdkms\b", dep) is not None,
                "static: el2reset-dkms depends on dkms (%s)" % dep.strip()))
    ctl = os.path.join(d, "control")
    shutil.rmtree(ctl, ignore_errors=True)
    subprocess.run(["dpkg-deb", "-e", deb, ctl], check=True)

    def script(name):
        try:
            with open(os.path.join(ctl, name)) as f:
                return f.read()
        except OSError:
            return ""
    post, prerm = script("postinst"), script("prerm")
    res.append(("DKMS_NAME=el2reset" in post and
                "DKMS_VERSION=%s" % version in post and
                "common.postinst" in post and "configure)" in post,
                "static: postinst adds, builds and installs el2reset/%s "
                "through DKMS on configure" % version))
    res.append(("dkms remove -m $DKMS_NAME -v $DKMS_VERSION --all" in prerm
                and "DKMS_VERSION=%s" % version in prerm,
                "static: prerm removes every DKMS build of el2reset/%s"
                % version))
    return res


def dkms_tree(kernel):
    """The tree "make dkms-src" installs for DKMS is complete: dkms.conf's
    own MAKE[0] and CLEAN lines, with DKMS's ${kernel_source_dir} set to a
    test kernel's headers, build and clean the module in that copy."""
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


def readme_kernels():
    """README's "Tested kernels" table is the one tests/harness/readme.py makes
    from kernels.conf and what setup resolved (the result column is the
    last full run's: make readme-kernels rewrites it)."""
    have = readme.readme_block()
    want = readme.readme_table()

    def cols(t):	# what kernels.conf decides: name, suites, flavour,
        #		  CPU, set (not what a mirror resolves today, nor
        #		  the first column, the last green run)
        out = []
        for r in (t or "").splitlines()[2:]:
            c = [x.strip() for x in r.split("|")]
            out.append([c[2].split(" ")[0]] + c[3:5] + c[6:8])
        return out
    ok = have is not None and cols(have) == cols(want)
    diff = [r for r in cols(want) if r not in cols(have)]
    return [(ok, "static: README's Tested kernels table matches "
             "scripts/kernels.conf%s" % ("" if ok else " -- run make "
                                       "readme-kernels; missing: %s" %
                                       ["|".join(r) for r in diff[:3]]))]


def _check_mutants_module():
    """tests/check-mutants as a module (it is a script without .py)."""
    import importlib.machinery
    import importlib.util
    path = os.path.join(ROOT, "tests", "check-mutants")
    loader = importlib.machinery.SourceFileLoader("check_mutants", path)
    spec = importlib.util.spec_from_loader("check_mutants", loader)
    mod = importlib.util.module_from_spec(spec)
    loader.exec_module(mod)
    return mod


def mutants_apply():
    """Every mutant's find text occurs exactly once in today's sources: a
    refactor that makes one stale fails here, not only in make
    check-mutants."""
    cm = _check_mutants_module()
    ms, _ = cm.load_mutants([])
    bad = []
    for m in ms:
        if m.parse_error:
            bad.append("%s: %s" % (m.name, m.parse_error))
            continue
        try:
            cm.mutate(m, ROOT)
        except cm.MutantError as e:
            bad.append("%s: %s" % (m.name, e.detail))
    return [(not bad, "static: all %d mutants apply to today's sources%s"
             % (len(ms), "" if not bad else " -- " + "; ".join(bad[:4])))]


def verdict_table():
    """README's refusal table is module/decide.c's verdict table: one row
    per refusal, its errno, and every `code` span of its "what to do"
    column in the message the module prints."""
    src = open(os.path.join(ROOT, "module", "decide.c")).read()
    table = re.findall(r'\[EL2R_\w+\] = \{ "([\w-]+)", (-?\w+),\s*'
                       r'(?:\n\s*)?"([^"]*)" \}', src)
    rows = {}
    for line in open(os.path.join(ROOT, "README.md")):
        c = [x.strip() for x in line.split("|")]
        if len(c) == 6 and c[2].startswith("`E"):
            rows[c[1].lower().replace(" ", "-")] = (c[2].strip("`"), c[4])
    bad = []
    for name, err, advice in table:
        if name == "stub":
            continue
        if name not in rows:
            bad.append("no README row for '%s'" % name)
            continue
        if "-" + rows[name][0] != err:
            bad.append("%s: README %s, module %s" % (name, rows[name][0],
                                                      err))
        for code in re.findall(r"`([^`]+)`", rows[name][1]):
            if code not in advice:
                bad.append("%s: '%s' not in the module's message"
                           % (name, code))
    extra = set(rows) - {n for n, _, _ in table}
    bad += ["README row '%s' is no verdict of the module" % n for n in extra]
    ok = len(table) == 8 and not bad
    return [(ok, "static: README's refusal table = module/decide.c's %d "
             "verdicts (names, errnos, advice)%s" % (
                 len(table), "" if ok else " -- " + "; ".join(bad[:4])))]


def event_list():
    """The event kinds: module/el2r_events.h's list, and the docs that
    name them all (in the same order)."""
    names = re.findall(r'^EL2R_EVENT\(\w+, "(\w+)"\)$', open(os.path.join(
        ROOT, "module", "el2r_events.h")).read(), re.M)
    want = " ".join(names)
    docs = ["Documentation/interfaces.rst"]
    bad = []
    for d in docs:
        try:
            text = re.sub(r"[\s,`]+", " ", open(os.path.join(ROOT, d)).read())
        except OSError:
            bad.append("no " + d)
            continue
        if want not in text:
            bad.append("%s does not list '%s'" % (d, want))
    ok = len(names) >= 7 and not bad
    return [(ok, "static: the event kinds (%s) are el2r_events.h's one list "
             "and the docs list them%s" % (want, "" if ok else " -- " +
                                           "; ".join(bad)))]


# Owner values the ABI names that no emulated machine can produce, with why
# (the same rows in Documentation/test-harness.rst's promise table)
ABI_NOT_SHOWABLE = {
    "other": "only the stub, el2reset and KVM ever hold EL2 in the guest",
}


def abi_names_read():
    """Every file Documentation/ABI/{testing,obsolete}/sysfs-kernel-el2reset*
    names (an obsolete one still works until it goes),
    and every cpuN/owner value it quotes, is read (or, reset and install,
    written) by some guest script and compared: a promise no test reads
    fails here. ABI_NOT_SHOWABLE lists the values QEMU cannot produce."""
    abi = "".join(open(f).read() for f in sorted(glob.glob(os.path.join(
        ROOT, "Documentation", "ABI", "*", "sysfs-kernel-el2reset*"))))
    files = re.findall(r"^What:\s*/sys/kernel/el2reset/(\S+)$", abi, re.M)
    owner = re.search(r"^What:\s*\S*/cpuN/owner$(.*?)(?=^What:|\Z)", abi,
                      re.M | re.S)
    values = re.findall(r'"([\w-]+)"', owner.group(1)) if owner else []
    code = []
    for f in sorted(glob.glob(os.path.join(ROOT, "tests", "guest", "*.sh"))):
        code += [l for l in open(f) if not l.lstrip().startswith("#")]
    bad = []
    for f in files:
        d, _, name = f.rpartition("/")
        pat = re.compile(r"(\$S|/sys/kernel/el2reset)/%s%s\b" % (
            r"cpu[^/\s\"]*/" if d else "", re.escape(name)) +
            (r"|\$c/%s\b" % re.escape(name) if d else ""))
        if not any(pat.search(l) for l in code):
            bad.append("no guest script reads %s" % f)
    for v in values:
        word = re.compile(r"(?<![\w-])%s(?![\w-])" % re.escape(v))
        used = any(word.search(l) and re.search(r"owner|want=", l)
                   for l in code)
        if not used and v not in ABI_NOT_SHOWABLE:
            bad.append("no guest script compares an owner with '%s'" % v)
        if used and v in ABI_NOT_SHOWABLE:
            bad.append("'%s' is read now: drop it from ABI_NOT_SHOWABLE" % v)
    ok = len(files) >= 7 and len(values) >= 8 and not bad
    return [(ok, "static: every sysfs file (%d) and cpuN/owner value (%d) "
             "the ABI names is read by a guest script (not showable in "
             "QEMU: %s)%s" % (len(files), len(values),
                              ", ".join(sorted(ABI_NOT_SHOWABLE)),
                              "" if ok else " -- " + "; ".join(bad[:4])))]


# what a guest script calls to assert (tools/el2reset-checks.sh, lib.sh)
ASSERTS_RE = re.compile(
    r"^\s*(ok|not_ok|skip|check|equal|every_cpu|resident_ok|stub_ok|"
    r"el2_boot_ok|kvm_ok|end_unloaded|selftest_results|kexec_into|"
    r"reload_cycles)\b")


def plans_declared():
    """Every guest script a case of any suite runs declares its plan
    ("plan N", the host's only count: cases.py holds none) before its
    first assertion; function bodies above it are definitions, not
    assertions."""
    from .cases import SUITES
    bad, scripts = [], sorted({c.script for cs in SUITES.values()
                               for c in cs})
    for name in scripts:
        path = os.path.join(ROOT, "tests", "guest", name + ".sh")
        try:
            lines = open(path).read().splitlines()
        except OSError:
            bad.append("%s: no tests/guest/%s.sh" % (name, name))
            continue
        infunc, first = False, None
        for i, l in enumerate(lines):
            if re.match(r"^\w+\(\)\s*\{", l):
                infunc = True
            elif infunc and l.startswith("}"):
                infunc = False
            elif not infunc and not l.lstrip().startswith("#"):
                if re.match(r"^\s*(if .*then )?plan\b", l):
                    first = first or "plan"
                elif ASSERTS_RE.match(l):
                    first = first or "assertion on line %d" % (i + 1)
        if first != "plan":
            bad.append("%s.sh: %s before any plan" % (name, first or
                                                        "no plan"))
    ok = len(scripts) >= 20 and not bad
    return [(ok, "static: each of the %d guest scripts the suites run "
             "declares its plan before its first assertion%s" % (
                 len(scripts), "" if ok else " -- " + "; ".join(bad[:4])))]


def _w1_sparse(kernel, builds):
    return builds[kernel] if kernel in builds else \
        build_w1_sparse(kernel)[0]


def run(kernels, ko_by_kernel, jobs=2, builds=None):
    """Every check, @jobs at a time (each is a process of its own: a
    kbuild, lintian, checkpatch), results in a fixed order. @builds: the
    results of build_w1_sparse() already run, by kernel."""
    builds = builds or {}
    # DKMS builds with the machine's own compiler: a kernel of the run this
    # host's compiler builds (no build root), else any set-up kernel of
    # kernels.conf it builds (tests/run -k 6.12 on bookworm: 6.1), else the
    # run's first
    def host_built(k):
        i = kernels_mod.by_name()[k].info()
        return i and not i.get("buildroot") and os.path.isfile(
            os.path.join(build.CACHE, "kernels", k, "build", "Makefile"))
    host = [k for k in kernels if host_built(k)] or \
        [k.name for k in kernels_mod.load() if host_built(k.name)]
    tasks = [(_w1_sparse, k, builds) for k in kernels]
    tasks += [(dkms_tree, (host or kernels)[0]), (deb_package,),
              (checkpatch,), (modinfo, ko_by_kernel[kernels[0]]),
              (dkms_version,), (readme_kernels,),
              (layers, os.path.dirname(ko_by_kernel[kernels[0]])),
              (mutants_apply,), (verdict_table,), (event_list,),
              (abi_names_read,), (plans_declared,)]
    tasks += [(atomic_context, k, ko_by_kernel[k]) for k in kernels]
    with concurrent.futures.ThreadPoolExecutor(max(1, jobs)) as ex:
        futs = [ex.submit(*t) for t in tasks]
        res = []
        for t, f in zip(tasks, futs):
            try:
                res += f.result()
            except Exception as e:  # a harness error is a failure
                res.append((False, "static: %s: harness error: %r"
                            % (t[0].__name__, e)))
        return res


def layers(objdir):
    """The layers go one way: no cycle among el2reset's object files
    (module/*.o, asm/*.o) through the symbols one uses and another
    defines, calls and data alike."""
    defs, uses = {}, {}
    objs = sorted(glob.glob(os.path.join(objdir, "module", "*.o")) +
                  glob.glob(os.path.join(objdir, "asm", "*.o")))
    for o in objs:
        name = os.path.relpath(o, objdir)[:-2]
        uses.setdefault(name, set())
        out = subprocess.run(["aarch64-linux-gnu-nm", o], capture_output=True,
                             text=True, check=True).stdout
        for line in out.splitlines():
            f = line.split()
            if len(f) == 2 and f[0] == "U":
                uses[name].add(f[1])
            elif len(f) == 3 and f[1] in "TDBRGS":
                defs[f[2]] = name
    graph = {n: {defs[x] for x in u if defs.get(x, n) != n}
             for n, u in uses.items()}
    cycles, state = [], {}

    def visit(n, path):
        state[n] = 1
        for m in sorted(graph[n]):
            if state.get(m) == 1:
                cycles.append(" -> ".join(path[path.index(m):] + [m]))
            elif m not in state:
                visit(m, path + [m])
        state[n] = 2
    for n in sorted(graph):
        if n not in state:
            visit(n, [n])
    ok = bool(objs) and not cycles
    return [(ok, "static: the layers go one way: no use cycle among the %d "
             "object files%s" % (len(objs), "" if ok else " -- " +
                                 ("no object files in " + objdir
                                  if not objs else "; ".join(cycles))))]


# Where el2reset runs with IRQs off or in an IPI (hardirq) context: the
# callbacks of on_each_cpu()/smp_call_function_single(), the CPU PM
# notifier, the syscore resume callback, and the per-CPU install/teardown
# the hotplug callbacks run between local_irq_save/restore.  Each group
# names one function the .ko must have (alternatives: compat.h's names).
ATOMIC_ENTRIES = (("el2r_round_ipi",), ("el2r_probe_ipi",),
                  ("el2r_probe_fn",), ("el2r_fault_ipi",), ("el2r_nop",),
                  ("el2r_pie_ipi",),
                  ("el2r_null_hvc",),
                  ("el2r_cpu_pm",), ("el2r_syscore_fn", "el2r_syscore_resume"),
                  ("el2r_event_this_cpu",), ("el2r_this_cpu",))
# Calls that may sleep (or, on PREEMPT_RT, are sleeping locks: spinlock_t
# and rwlock_t become rt_mutex based; no allocation at all in hardirq)
SLEEPS = re.compile(r"^(mutex_lock\w*|__mutex_lock\w*|mutex_trylock|"
                    r"rt_spin_lock\w*|rt_read_lock\w*|rt_write_lock\w*|"
                    r"rt_mutex\w*|down|down_\w+|__down\w*|msleep\w*|"
                    r"usleep_range\w*|schedule\w*|__cond_resched\w*|"
                    r"__might_sleep|might_sleep|cpus_read_lock|"
                    r"cpus_write_lock|wait_for_\w+|flush_\w*work\w*|"
                    r"synchronize_\w+|kmalloc\w*|__kmalloc\w*|kvmalloc\w*|"
                    r"__kvmalloc\w*|vmalloc\w*|kzalloc\w*|kmem_cache_alloc\w*|"
                    r"alloc_pages\w*|__alloc_pages\w*|__get_free_pages|"
                    r"kfree|kvfree|vfree|copy_(from|to)_user|"
                    r"_copy_(from|to)_user|work_on_cpu\w*)$")


def call_graph(ko):
    """{function: set(callees)} from the .ko's code: direct branches
    (bl/b to a symbol) and call relocations (R_AARCH64_CALL26/JUMP26)."""
    p = subprocess.run(["aarch64-linux-gnu-objdump", "-dr",
                        "--no-show-raw-insn", ko], capture_output=True,
                       text=True, check=True)
    graph, cur = {}, None
    fn_re = re.compile(r"^[0-9a-f]+ <([\w.$]+)>:$")
    br_re = re.compile(r"\s(bl|b)\s+[0-9a-f]+ <([\w.$]+?)(\+0x[0-9a-f]+)?>")
    rel_re = re.compile(r"R_AARCH64_(CALL26|JUMP26)\s+([\w.$]+)")
    for line in p.stdout.splitlines():
        m = fn_re.match(line)
        if m:
            cur = m.group(1)
            graph.setdefault(cur, set())
            continue
        if cur is None:
            continue
        m = rel_re.search(line) or br_re.search(line)
        if m and m.group(2) != cur:
            graph[cur].add(m.group(2))
    return graph


def atomic_context(kernel, ko):
    """Nothing el2reset runs with IRQs off or in an IPI can sleep: on this
    kernel's own object code, no path from an atomic entry point reaches a
    sleeping call (on PREEMPT_RT, spin_lock() compiles to rt_spin_lock():
    a spinlock_t in the IPI path fails here)."""
    graph = call_graph(ko)
    missing = [g for g in ATOMIC_ENTRIES if not any(f in graph for f in g)]
    bad = []
    for g in ATOMIC_ENTRIES:
        for entry in (f for f in g if f in graph):
            seen, todo = {entry: None}, [entry]
            while todo:
                f = todo.pop()
                for c in graph.get(f, ()):
                    if c in seen:
                        continue
                    seen[c] = f
                    if SLEEPS.match(c):
                        path, x = [c], f
                        while x:
                            path.append(x)
                            x = seen[x]
                        bad.append(" <- ".join(path))
                    elif c in graph:
                        todo.append(c)
    rt = "PREEMPT_RT" if "CONFIG_PREEMPT_RT=y" in open(os.path.join(
        build.CACHE, "kernels", kernel, "config")).read() else "non-RT"
    ok = not missing and not bad
    return [(ok, "static: %s (%s): no sleeping call reachable from the %d "
             "IPI/IRQs-off entry points%s" % (
                 kernel, rt, len(ATOMIC_ENTRIES), "" if ok else " -- " +
                 " | ".join(["missing: " + "/".join(g) for g in missing] +
                            bad[:4])))]
