# SPDX-License-Identifier: GPL-2.0
"""One qemu-system-aarch64 run: boot a Debian kernel with an initramfs,
follow its console, talk to the guest's test scripts over a serial line of
their own (the channel), answer their oracle requests (oracle.py), collect
their EL2R-TAP lines. Every run has a timeout, keeps its console log (the
channel's lines in it, marked "ch:") and is killed however it ends. The
protocol is written down in Documentation/test-harness.rst."""

import os
import queue
import re
import socket
import shutil
import subprocess
import tempfile
import threading
import time

from . import build
from . import oracle

# The emulator: EL2R_QEMU names another command (e.g. scripts/qemu-root,
# a newer Debian QEMU from a root file system)
QEMU = os.environ.get("EL2R_QEMU", "qemu-system-aarch64").split()
TAP_RE = re.compile(r"EL2R-TAP: (ok|not ok) (\d+) - (.*)$")
PLAN_RE = re.compile(r"EL2R-PLAN: 1\.\.(\d+)$")
ORACLE_RE = re.compile(r"EL2R-ORACLE: (.*)$")
# The lines after which the guest's machine goes down (a crash, a kexec,
# power-off): the guest waits for an answer to each, as the UART sends
# from its interrupt and a line still in its buffer would reach the host
# after the panic it announces, or never
ACKED_RE = re.compile(r"^EL2R-(CRASHING|KEXEC:|END)")
# Every test kernel zeroes a page the moment it is freed: EL2 code or a
# table el2reset frees while a CPU can still reach it is then gone at once
# (an EL2 fetch or walk faults, and the case hangs or fails), where plain
# TCG keeps a freed page's old contents until it is reused and hides the
# use after free (Documentation/test-harness.rst, "Freed memory")
FREE_POISON = "init_on_free=1"
# The channel: a 16550 UART on the PCI bus (QEMU's pci-serial, the
# kernel's built-in 8250_pci: ttyS0 on every test kernel, no module to
# load), whose other end is a socket the runner holds. Kernel messages go
# to the console (ttyAMA0) only, so the protocol's lines arrive whole;
# wait=on: QEMU starts the machine once the runner is connected.
CHANNEL_DEV = "ttyS0"
# TCG's vCPUs: round-robin in one host thread (SINGLE), or a host thread
# each (MULTI, QEMU's default on arm64). With two machines on two host
# cores, each machine's 4 vCPU threads compete for one core: one thread
# that runs whichever vCPU has work wastes less (make check's machines:
# 1829 -> 1217 machine-seconds; Documentation/test-harness.rst, "Running
# time"). MULTI for the cases whose point is CPUs running at once
# (cases.py: mttcg).
SINGLE, MULTI = "tcg,thread=single", "tcg,thread=multi"
# The kernel's own report that a CPU stopped making progress (a CPU wedged
# at EL2, an IPI never answered): that machine cannot reach its end, and
# the report holds a call trace the runner fails anyway (checks.BAD_RE).
# The run ends STALL_GRACE seconds after the first such line (the rest of
# the report in the log), not at its timeout: a hang costs some 40 s
# instead of the case's whole timeout (make check-mutants' hangs).
STALL_RE = re.compile(r"rcu: INFO: rcu_\w+ (self-)?detected stall|"
                      r"watchdog: BUG: soft lockup|hard LOCKUP")
STALL_GRACE = 15
def connect(path, p, seconds=30):
    """The runner's end of the channel: QEMU listens on @path once it has
    parsed its options; None if it exited or never listened."""
    deadline = time.time() + seconds
    while time.time() < deadline and p.poll() is None:
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            s.connect(path)
            return s
        except OSError:
            s.close()
            time.sleep(0.05)
    return None


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Boot:
    """One qemu run (which may hold several kernels: kexec, reboot)."""

    def __init__(self, name, kernel, initrd, append, cpu="cortex-a57",
                 smp=4, mem=1024, virt=True, timeout=300, extra=None,
                 verbose=False, image=None, reboot=False, el2code=None,
                 machine="", accel=SINGLE, plan_first=True):
        self.name, self.kernel, self.initrd = name, kernel, initrd
        # accel: -accel (SINGLE, MULTI; "" for QEMU's default)
        self.accel = accel
        # plan_first: each kernel's EL2R-PLAN comes before its first
        # EL2R-TAP (declared, KTAP's way); False: counted at its end
        self.plan_first = plan_first
        self.late_plans = []       # kernel boots whose plan came late
        self.append, self.cpu, self.smp, self.mem = append, cpu, smp, mem
        self.virt, self.timeout, self.extra = virt, timeout, extra or []
        # machine: more -M virt properties ("mte=on")
        self.machine = machine
        self.verbose = verbose
        # image: a kernel Image path instead of the test kernel's;
        # reboot: a guest reboot restarts the machine instead of ending qemu
        self.image = image or build.kernel_image(kernel)
        # el2code: el2reset's EL2 code as built (build.el2_code()), for
        # the oracle; None where the module is built inside the guest
        self.reboot, self.el2code = reboot, el2code
        self.results = []          # (ok, desc): guest lines, then oracle
        self.taps = []             # [[(seq, ok, desc)...]] per kernel boot
        self.plans = []            # [N or None] per kernel boot
        self.log_path = os.path.join(build.BUILD, "logs", name + ".log")
        self.exit_code = None
        self.timed_out = False
        self.stalled = None        # (seconds in, line): the first STALL_RE
        self.seconds = 0.0
        self.lines = []            # console and channel, as they came
        self.from_channel = set()  # indexes into lines
        self.stamped = []          # (host time, line)
        self.oracle_seconds = 0.0  # the VM halted for the oracle's gdb
        self.oracle_calls = 0
        self.known_bugs = []       # KNOWN_BUGS excused (checks.boot_checks)

    def cmdline(self, port, sock=None):
        machine = "virt,virtualization=%s,gic-version=3,its=off%s" % \
            ("on" if self.virt else "off",
             "," + self.machine if self.machine else "")
        return QEMU + ["-M", machine, "-cpu", self.cpu,
                "-smp", str(self.smp), "-m", str(self.mem),
                ] + (["-accel", self.accel] if self.accel else []) + [
                "-display", "none", "-serial", "stdio", "-monitor", "none",
                "-net", "none", "-gdb", "tcp:127.0.0.1:%d" % port] + \
               ([] if self.reboot else ["-no-reboot"]) + [
                "-kernel", self.image, "-initrd", self.initrd,
                "-append", "console=ttyAMA0 panic=-1 " + FREE_POISON +
                " " + self.append +
                (" el2r.channel=" + CHANNEL_DEV if sock else "")] + \
            (["-chardev", "socket,id=el2r,path=%s,server=on,wait=on" % sock,
              "-device", "pci-serial,chardev=el2r"] if sock else []) + \
            self.extra

    def _line(self, line, orc, answer):
        if "EL2R-BOOTED" in line:
            self.taps.append([])
            self.plans.append(None)
        m = TAP_RE.search(line)
        if m and self.taps:
            ok, seq, desc = m.group(1) == "ok", int(m.group(2)), m.group(3)
            self.taps[-1].append((seq, ok, desc))
            self.results.append((ok, desc))
            return
        m = PLAN_RE.search(line)
        if m and self.plans:
            self.plans[-1] = int(m.group(1))
            if self.plan_first and self.taps[-1]:
                self.late_plans.append(len(self.plans))
            return
        if ACKED_RE.match(line):
            answer("ok")
            return
        m = ORACLE_RE.search(line)
        if m:
            try:
                ok, desc = orc.request(m.group(1).strip())
            except oracle.OracleError as e:
                ok, desc = False, "oracle: %s: %s" % (m.group(1).strip(), e)
            self.results.append((ok, desc))
            answer("ok" if ok else "fail")

    def run(self):
        os.makedirs(os.path.dirname(self.log_path), exist_ok=True)
        port = free_port()
        sockdir = tempfile.mkdtemp(prefix="el2r-ch-")
        sock = os.path.join(sockdir, "ch")
        cmd = self.cmdline(port, sock)
        # line-buffered: a running machine's log can be followed
        log = open(self.log_path, "w", errors="replace", buffering=1)
        log.write("# " + " ".join(cmd) + "\n")
        start = time.time()
        orc = oracle.Oracle(port, self.smp, self.image, self.el2code,
                            lambda s: log.write("# " + s.replace(
                                "\n", "\n# ") + "\n"))
        p = subprocess.Popen(cmd, stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT)

        ch = connect(sock, p)
        if ch is None:
            self.results.append((False, "harness: %s: no channel: QEMU "
                                 "never listened on %s" % (self.name, sock)))

        def answer(text):
            try:
                ch.sendall((text + "\n").encode())
            except (OSError, AttributeError):
                pass
        q = queue.Queue()

        def reader(f, src):
            for raw in iter(f.readline, b""):
                q.put((src, raw.decode("utf-8", "replace").rstrip("\r\n")))
            q.put((src, None))
        threading.Thread(target=reader, args=(p.stdout, "con"),
                         daemon=True).start()
        if ch:
            threading.Thread(target=reader, args=(ch.makefile("rb"), "ch"),
                             daemon=True).start()
        deadline = start + self.timeout
        ended = False
        try:
            while True:
                try:
                    src, line = q.get(timeout=max(0.1,
                                                  deadline - time.time()))
                except queue.Empty:
                    src, line = "con", ""
                if time.time() > deadline:
                    self.timed_out = True
                    break
                if line is None:
                    if src == "con":
                        ended = True
                        break
                    continue
                log.write(("ch: " if src == "ch" else "") + line + "\n")
                if src == "ch":
                    self.from_channel.add(len(self.lines))
                self.lines.append(line)
                self.stamped.append((time.time(), line))
                if self.verbose and not line.startswith("["):
                    print(line, flush=True)
                if src == "ch":
                    self._line(line, orc, answer)
                elif self.stalled is None and STALL_RE.search(line):
                    self.stalled = (time.time() - start, line)
                    deadline = min(deadline, time.time() + STALL_GRACE)
        except Exception as e:  # a harness bug is a failure, not a crash
            self.results.append((False, "harness: %s: %r" % (self.name, e)))
        finally:
            if ch:
                ch.close()
            shutil.rmtree(sockdir, ignore_errors=True)
            if not ended:
                p.kill()
            try:
                self.exit_code = p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                p.kill()
                self.exit_code = p.wait()
            self.results += orc.finish()
            self.seconds = time.time() - start
            self.oracle_seconds, self.oracle_calls = orc.seconds, orc.calls
            self.start = start
            log.write("# exit %s after %.1fs%s\n" % (
                self.exit_code, self.seconds,
                " (TIMEOUT)" if self.timed_out and not self.stalled else
                " (ENDED %.0fs after a stall report)" % (
                    time.time() - start - self.stalled[0])
                if self.timed_out else ""))
            log.close()
        return self

    @property
    def boot_seconds(self):
        """From qemu's start to the guest's init (first EL2R-BOOTED)."""
        for t, line in self.stamped:
            if "EL2R-BOOTED" in line:
                return t - self.start
        return None

    def phases(self):
        """Where this run's time went (seconds): "boot", from qemu's start,
        or from the previous kernel's last EL2R- line (its kexec, crash or
        reboot), to a kernel's init; "oracle", the VM halted for the
        gdbstub; "end", from the guest's last line to qemu's exit;
        "guest", the rest (the tests themselves)."""
        boot, mark, last = 0.0, self.start, self.start
        for t, line in self.stamped:
            if "EL2R-BOOTED" in line:
                boot += t - mark
            elif "EL2R-" in line:
                mark = t
            last = t
        end = self.start + self.seconds - last
        oracle = self.oracle_seconds
        return {"boot": boot, "oracle": oracle, "end": end,
                "guest": max(0.0, self.seconds - boot - oracle - end)}

    def saw(self, text):
        return any(text in l for l in self.lines)
