# SPDX-License-Identifier: GPL-2.0
"""The emulated arm64 bench: boot a Debian kernel in qemu-system-aarch64 with
an initramfs, follow the console, answer gdbstub-oracle requests, collect the
guest's EL2R-TAP lines. Every boot has a timeout and keeps its console log."""

import os
import queue
import re
import shutil
import socket
import subprocess
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CACHE = os.environ.get("EL2R_CACHE", os.path.join(ROOT, ".cache"))
BUILD = os.path.join(ROOT, "build")

TAP_RE = re.compile(r"EL2R-TAP: (ok|not ok) - (.*)$")
ORACLE_RE = re.compile(r"EL2R-ORACLE: (.*)$")


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def version():
    with open(os.path.join(ROOT, "VERSION")) as f:
        return f.read().strip()


def dkms_src(dest):
    """"make dkms-src" into DESTDIR=dest (emptied first); returns the tree
    DKMS would build: dest/usr/src/el2reset-VERSION."""
    shutil.rmtree(dest, ignore_errors=True)
    subprocess.run(["make", "-s", "-C", ROOT, "dkms-src", "DESTDIR=" + dest],
                   check=True)
    return os.path.join(dest, "usr/src/el2reset-" + version())


def boot_checks(b, pre, boots, end, console=(), min_asserts=1,
                allow_panic=None):
    """The runner's own assertions on a finished Boot: how often the guest
    reached its script, that it reached END and qemu exited 0 in time, what
    the console must show, enough guest assertions, no oops or panic."""
    res = []
    nboot = sum(1 for l in b.lines if "EL2R-BOOTED" in l)
    res.append((nboot == boots, pre + "booted to the test script %d "
                "time(s) (%d)" % (boots, nboot)))
    res.append((b.saw(end) and not b.timed_out and b.exit_code == 0,
                pre + "reached '%s' and qemu exited 0 within %ds (%.0fs, "
                "exit %s)" % (end, b.timeout, b.seconds, b.exit_code)))
    for text in console:
        res.append((b.saw(text), pre + "console shows '%s'" % text))
    res.append((len(b.results) >= min_asserts,
                pre + "ran at least %d guest assertions (%d)"
                % (min_asserts, len(b.results))))
    oops = [l for l in b.lines if ("Internal error: Oops" in l
            or "Kernel panic" in l or "BUG:" in l)
            and not (allow_panic and allow_panic in l)]
    res.append((not oops, pre + "no oops or panic on the console"
                + ("" if not oops else " -- " + oops[0])))
    return res


def build_guest_bin():
    subprocess.run(["make", "-s", "-C", os.path.join(ROOT, "tests/guest-bin"),
                    "OUT=" + os.path.join(BUILD, "guest-bin")], check=True)


def build_module(kernel):
    out = subprocess.run([os.path.join(ROOT, "scripts/build"), kernel],
                         check=True, capture_output=True, text=True)
    return out.stdout.strip().splitlines()[-1]


def build_initramfs(kernel, ko, with_image=False):
    name = "initrd-image.cpio.gz" if with_image else "initrd.cpio.gz"
    out = os.path.join(BUILD, kernel, name)
    cmd = [os.path.join(ROOT, "scripts/mkinitramfs"), out, kernel,
           "--module", ko]
    if with_image:
        cmd.append("--with-image")
    subprocess.run(cmd, check=True)
    return out


def read_el2_regs(port, regs=("VBAR_EL2", "SCTLR_EL2", "TTBR0_EL2")):
    """The gdbstub oracle: halt the VM, read EL2 system registers of every
    vCPU, resume. Returns {thread: {reg: value}}."""
    cmd = ["gdb-multiarch", "-batch", "-nx",
           "-ex", "set architecture aarch64",
           "-ex", "target remote 127.0.0.1:%d" % port]
    for r in regs:
        cmd += ["-ex", "thread apply all p/x $%s" % r]
    cmd += ["-ex", "detach"]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    result, thread, idx = {}, None, {}
    for line in out.stdout.splitlines():
        m = re.search(r"Thread \d+\.(\d+)", line)
        if m:
            thread = int(m.group(1))
            continue
        m = re.match(r"\$(\d+) = (0x[0-9a-f]+|\d+)", line)
        if m and thread is not None:
            n = idx.get(thread, 0)
            result.setdefault(thread, {})[regs[n]] = int(m.group(2), 0)
            idx[thread] = n + 1
    return result, out.stdout + out.stderr


def check_oracle(request, regs):
    """Evaluate one oracle request ("vbar=0x... mmu=off|on ...") against
    the registers read. Returns (ok, description)."""
    want = dict(w.split("=", 1) for w in request.split() if "=" in w)
    if not regs:
        return False, "gdbstub oracle read no vCPU"
    bad = []
    for t, r in sorted(regs.items()):
        if len(r) < 2:
            bad.append("vCPU%d: registers unreadable" % t)
            continue
        m, c = r["SCTLR_EL2"] & 1, (r["SCTLR_EL2"] >> 2) & 1
        if "vbar" in want and want["vbar"] != "any" and \
                r["VBAR_EL2"] != int(want["vbar"], 0):
            bad.append("vCPU%d VBAR_EL2=%#x" % (t, r["VBAR_EL2"]))
        if want.get("vbar_not") and r["VBAR_EL2"] == int(want["vbar_not"], 0):
            bad.append("vCPU%d VBAR_EL2 still %#x" % (t, r["VBAR_EL2"]))
        if want.get("mmu") == "off" and (m or c):
            bad.append("vCPU%d SCTLR_EL2=%#x (M=%d C=%d)" %
                       (t, r["SCTLR_EL2"], m, c))
        if want.get("mmu") == "on" and not (m and c):
            bad.append("vCPU%d SCTLR_EL2=%#x (M=%d C=%d)" %
                       (t, r["SCTLR_EL2"], m, c))
    desc = "gdbstub oracle on %d vCPUs: %s" % (len(regs), request)
    return (not bad), desc + ("" if not bad else " -- " + "; ".join(bad))


class Boot:
    """One qemu run."""

    def __init__(self, name, kernel, initrd, append, cpu="cortex-a57",
                 smp=4, mem=1024, virt=True, timeout=300, extra=None,
                 verbose=False, image=None, reboot=False):
        self.name, self.kernel, self.initrd = name, kernel, initrd
        self.append, self.cpu, self.smp, self.mem = append, cpu, smp, mem
        self.virt, self.timeout, self.extra = virt, timeout, extra or []
        self.verbose = verbose
        # image: a kernel Image path instead of the bench kernel's;
        # reboot: a guest reboot restarts the machine instead of ending qemu
        self.image, self.reboot = image, reboot
        self.results = []          # (ok, desc)
        self.log_path = os.path.join(BUILD, "logs", name + ".log")
        self.exit_code = None
        self.timed_out = False
        self.lines = []
        self.stamped = []          # (host time, line)

    def cmdline(self, port):
        machine = "virt,virtualization=%s,gic-version=3,its=off" % \
            ("on" if self.virt else "off")
        return ["qemu-system-aarch64", "-M", machine, "-cpu", self.cpu,
                "-smp", str(self.smp), "-m", str(self.mem),
                "-display", "none", "-serial", "stdio", "-monitor", "none",
                "-net", "none", "-gdb", "tcp:127.0.0.1:%d" % port] + \
               ([] if self.reboot else ["-no-reboot"]) + [
                "-kernel", self.image or
                os.path.join(CACHE, "kernels", self.kernel, "Image"),
                "-initrd", self.initrd,
                "-append", "console=ttyAMA0 panic=-1 " + self.append] + self.extra

    def run(self):
        os.makedirs(os.path.dirname(self.log_path), exist_ok=True)
        port = free_port()
        cmd = self.cmdline(port)
        log = open(self.log_path, "w", errors="replace")
        log.write("# " + " ".join(cmd) + "\n")
        start = time.time()
        p = subprocess.Popen(cmd, stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        q = queue.Queue()

        def reader():
            for raw in iter(p.stdout.readline, b""):
                q.put(raw.decode("utf-8", "replace").rstrip("\r\n"))
            q.put(None)
        threading.Thread(target=reader, daemon=True).start()
        deadline = start + self.timeout
        while True:
            try:
                line = q.get(timeout=max(0.1, deadline - time.time()))
            except queue.Empty:
                line = ""
            if time.time() > deadline:
                self.timed_out = True
                p.kill()
                break
            if line is None:
                break
            log.write(line + "\n")
            self.lines.append(line)
            self.stamped.append((time.time(), line))
            if self.verbose and not line.startswith("["):
                print(line, flush=True)
            m = TAP_RE.search(line)
            if m:
                self.results.append((m.group(1) == "ok", m.group(2)))
                continue
            m = ORACLE_RE.search(line)
            if m:
                regs, raw = read_el2_regs(port)
                log.write("# gdbstub:\n# " + raw.replace("\n", "\n# ") + "\n")
                ok, desc = check_oracle(m.group(1), regs)
                self.results.append((ok, desc))
                p.stdin.write(("ok\n" if ok else "fail\n").encode())
                p.stdin.flush()
        try:
            self.exit_code = p.wait(timeout=30)
        except subprocess.TimeoutExpired:
            p.kill()
            self.exit_code = p.wait()
        self.seconds = time.time() - start
        log.write("# exit %s after %.1fs%s\n" % (
            self.exit_code, self.seconds,
            " (TIMEOUT)" if self.timed_out else ""))
        log.close()
        return self

    def saw(self, text):
        return any(text in l for l in self.lines)
