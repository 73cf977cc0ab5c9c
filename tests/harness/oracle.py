# SPDX-License-Identifier: GPL-2.0
"""The gdbstub oracle: what EL2 holds on every vCPU, read from outside the
guest through QEMU's gdbstub and judged against expectations that never
come from el2reset itself.

Where each expectation comes from (Documentation/test-harness.rst):
  stub address  each vCPU's VBAR_EL2 read before el2reset is first loaded in
                that boot, equal on every vCPU, equal to the physical address
                the running kernel's own records give for __hyp_stub_vectors
                (/proc/kallsyms and /proc/iomem "Kernel code", sent by the
                guest's init), and the bytes there equal to the Debian Image
                file's bytes at that symbol's offset;
  resident      VBAR_EL2 and TTBR0_EL2 the same on every vCPU, the oracle's
                own walk of the tables at TTBR0_EL2 (physical memory through
                the gdbstub) maps VBAR_EL2 to itself, read-only and
                executable, and the code there is the EL2 code of the
                el2reset.ko file that was built (objcopy), holding the stub
                address of the baseline.
A request the oracle cannot evaluate is a failure with its reason, never an
exception out of the harness.
"""

import queue
import re
import subprocess
import threading
import time

GDB_TIMEOUT = 60
SCTLR_M, SCTLR_C, SCTLR_I = 1 << 0, 1 << 2, 1 << 12
SCTLR_MCI = SCTLR_M | SCTLR_C | SCTLR_I
# Image layout (arch/arm64/kernel/vmlinux.lds.S): _stext is the first
# SEGMENT_ALIGN (64 KiB) boundary after the head, i.e. _text + 64 KiB.
STEXT_IN_IMAGE = 0x10000
# Stage-1 descriptor fields, 4 KiB granule (Arm ARM D8.3)
DESC_VALID, DESC_TABLE = 1 << 0, 1 << 1
DESC_AP_RO = 1 << 7                     # AP[2]: read-only
DESC_XN = 1 << 54                       # XN of a single-range EL2 regime
DESC_OA = ((1 << 48) - 1) & ~0xfff      # output address [47:12]
TCR_T0SZ = 0x3f
TCR_TG0 = 3 << 14                       # 0b00: 4 KiB granule

STATES = ("handed", "stub", "resident", "kvm", "any")
HCR_TVM = 1 << 26                       # trap EL1's VM-control writes
PL_REGS_ESR = 8 * 33                    # struct el2r_payload_regs.esr


class OracleError(Exception):
    """The oracle could not read or judge what it was asked to."""


# every gdb's first commands, the session's and a breakpoint's alike
GDB_SETUP = ["set architecture aarch64", "set pagination off"]


def _gdb_cmd(port, cmds):
    cmd = ["gdb-multiarch", "-batch", "-nx"]
    for c in GDB_SETUP + ["target remote 127.0.0.1:%d" % port]:
        cmd += ["-ex", c]
    for c in cmds:
        cmd += ["-ex", c]
    return cmd


class Gdb:
    """One gdb for a whole qemu run: a request connects, runs its commands
    and detaches (the VM is halted only meanwhile), as a fresh
    "gdb -batch" would, without starting gdb each time (0.38 s a request
    against 0.02 s, measured: 1472 requests in a make check). Whatever
    goes wrong (gdb gone, no answer in time) ends this gdb; the next
    request starts another."""

    def __init__(self, port):
        self.port, self.p, self.lines, self.n = port, None, None, 0

    def _start(self):
        self.p = subprocess.Popen(
            ["gdb-multiarch", "-q", "-nx"], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            errors="replace")
        self.lines = queue.Queue()

        def reader(out, q):
            for line in out:
                q.put(line)
            q.put(None)
        threading.Thread(target=reader, args=(self.p.stdout, self.lines),
                         daemon=True).start()
        # no prompt: it would prefix the next command's first line
        self._send(["set prompt"] + GDB_SETUP +
                   ["set height 0", "set width 0", "set confirm off"],
                   GDB_TIMEOUT)

    def _send(self, cmds, timeout):
        self.n += 1
        mark = "EL2R-GDB-DONE-%d" % self.n
        deadline = time.time() + timeout
        try:
            self.p.stdin.write("".join(c + "\n" for c in cmds) +
                               "echo %s\\n\n" % mark)
            self.p.stdin.flush()
        except OSError as e:
            self.close()
            raise OracleError("gdb is gone: %s" % e)
        out = []
        while True:
            try:
                line = self.lines.get(timeout=max(0.0,
                                                  deadline - time.time()))
            except queue.Empty:
                self.close()
                raise OracleError("gdb timed out after %ds" % timeout)
            if line is None:
                self.close()
                raise OracleError("gdb ended: %s" % "".join(out)[-300:])
            if mark in line:
                return "".join(out)
            out.append(line)

    def run(self, cmds, timeout=GDB_TIMEOUT):
        """Connect, run @cmds, detach: their output."""
        if self.p is None:
            try:
                self._start()
            except OSError as e:
                raise OracleError("gdb cannot start: %s" % e)
        return self._send(["target remote 127.0.0.1:%d" % self.port] +
                          cmds + ["detach"], timeout)

    def close(self):
        if self.p is not None:
            self.p.kill()
            self.p.wait()
            self.p = None


# The registers every request reads: the five the states are judged by,
# then the whole EL2 control set where the CPU (and QEMU's gdbstub) has it.
# A hand-over ("handed") must leave each of those as the baseline had it.
CORE_REGS = ("VBAR_EL2", "SCTLR_EL2", "TTBR0_EL2", "TCR_EL2", "HCR_EL2")
CTL_REGS = ("MAIR_EL2", "TPIDR_EL2", "TCR2_EL2", "SCTLR2_EL2", "MDCR_EL2",
            "CPTR_EL2", "HSTR_EL2", "HCRX_EL2", "VTCR_EL2", "VTTBR_EL2",
            "HFGRTR_EL2", "HFGWTR_EL2", "HFGITR_EL2", "HDFGRTR_EL2",
            "HDFGWTR_EL2", "HAFGRTR_EL2", "HFGRTR2_EL2", "HFGWTR2_EL2",
            "HFGITR2_EL2", "HDFGRTR2_EL2", "HDFGWTR2_EL2", "PIR_EL2",
            "POR_EL2", "GCSCR_EL2", "CNTHCTL_EL2", "CNTVOFF_EL2")
THREAD_RE = re.compile(r"^Thread \d+ \(Thread \d+\.(\d+)")
RAWREG_RE = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s+\d+\s+\d+")


def reg_cmd(names):
    """gdb command printing @names of every vCPU on one EL2REGS line."""
    return ('thread apply all printf "EL2REGS%s\\n", %s'
            % (" %#lx" * len(names), ", ".join("$" + n for n in names)))


REG_CMD = reg_cmd(CORE_REGS)


def parse_regs(out, names=CORE_REGS):
    """{cpu: {name: value}} from reg_cmd(@names) output; cpu is QEMU's CPU
    index (gdb thread 1.N is CPU N-1)."""
    regs, cpu = {}, None
    for line in out.splitlines():
        m = THREAD_RE.match(line)
        if m:
            cpu = int(m.group(1)) - 1
            continue
        words = line.strip().split()
        if words[:1] == ["EL2REGS"] and cpu is not None:
            try:
                v = [int(x, 0) for x in words[1:]]
            except ValueError:
                continue
            if len(v) == len(names):
                regs[cpu] = dict(zip(names, v))
            cpu = None
    return regs


def parse_reg_names(out):
    """Register names from gdb's "maint print raw-registers"."""
    return {m.group(1) for m in map(RAWREG_RE.match, out.splitlines())
            if m}


MEM_RE = re.compile(r"^0x([0-9a-f]+):\s+((?:0x[0-9a-f]+\s*)+)$")


def parse_words(out):
    """{address: u64} from gdb "x/Ngx" lines."""
    words = {}
    for line in out.splitlines():
        m = MEM_RE.match(line.strip())
        if m:
            a = int(m.group(1), 16)
            for i, w in enumerate(m.group(2).split()):
                words[a + 8 * i] = int(w, 16)
    return words


def sctlr_bits(v):
    return "M=%d C=%d I=%d" % (v & SCTLR_M, (v & SCTLR_C) >> 2,
                               (v & SCTLR_I) >> 12)


def parse_request(text):
    """"<state> [cpuN=<state>]... [break=ADDR] [hit=<state>] [then=kill]"
    -> dict; raises OracleError on anything else."""
    words = text.split()
    if not words:
        raise OracleError("empty oracle request")
    req = {"default": words[0], "cpus": {}, "break": None, "hit": None,
           "then": "detach", "above": None, "tests": None, "text": text}
    for w in words[1:]:
        k, eq, v = w.partition("=")
        if not eq:
            raise OracleError("oracle request word '%s' is not key=value"
                              % w)
        if re.match(r"^cpu\d+$", k):
            req["cpus"][int(k[3:])] = v
        elif k in ("break", "hit", "then", "above", "tests"):
            req[k] = v
        else:
            raise OracleError("unknown oracle request key '%s'" % k)
    for s in [req["default"], req["hit"]] + list(req["cpus"].values()):
        if s is not None and s not in STATES:
            raise OracleError("unknown EL2 state '%s' (want one of %s)"
                              % (s, ", ".join(STATES)))
    if req["then"] not in ("detach", "kill"):
        raise OracleError("then= must be detach or kill")
    if req["tests"] not in (None, "absent", "present"):
        raise OracleError("tests= must be absent or present")
    for k in ("break", "above"):
        if req[k] is not None:
            try:
                req[k] = int(req[k], 16)
            except ValueError:
                raise OracleError("%s= wants a hex address, got '%s'"
                                  % (k, req[k]))
    return req


class Oracle:
    """One per qemu run. smp: how many vCPUs there must be; image: the
    kernel Image file; el2code: bytes of el2reset's EL2 code from the .ko
    (None: no module in this run)."""

    def __init__(self, port, smp, image, el2code=None, log=None):
        self.port, self.smp, self.image = port, smp, image
        self.el2code = el2code
        self.log = log or (lambda s: None)
        self.stub = None            # the baseline: {cpu: VBAR_EL2}
        self.hcr = {}               # the baseline: {cpu: HCR_EL2}
        self.ctl = {}               # the baseline: {cpu: {register: value}}
        self.names = None           # CORE_REGS + the CTL_REGS gdb offers
        self.resident = None        # (VBAR_EL2, TTBR0_EL2) last walked
        self.payload_pa = None      # the payload's code, "payload running"
        self.breaks = []            # [(thread, results list)]
        self.gdb = Gdb(port)
        self.seconds = 0.0          # the VM halted for gdb (not at a
        self.calls = 0              # breakpoint): time and gdb calls

    # -- reading ----------------------------------------------------------

    def _gdb(self, cmds):
        t = time.time()
        try:
            out = self.gdb.run(cmds)
        finally:
            self.seconds += time.time() - t
            self.calls += 1
        self.log("gdb: " + " ; ".join(cmds) + "\n" + out)
        return out

    def reg_names(self):
        """CORE_REGS, then those of CTL_REGS this QEMU's gdbstub offers
        (asked once per run)."""
        if self.names is None:
            have = parse_reg_names(self._gdb(["maint print raw-registers"]))
            if not set(CORE_REGS) <= have:
                raise OracleError("the gdbstub offers no %s"
                                  % ", ".join(sorted(set(CORE_REGS) - have)))
            self.names = CORE_REGS + tuple(r for r in CTL_REGS if r in have)
        return self.names

    def read_regs(self):
        names = self.reg_names()
        regs = parse_regs(self._gdb([reg_cmd(names)]), names)
        if len(regs) != self.smp:
            raise OracleError("read EL2 registers of %d vCPUs, want %d "
                              "(-smp)" % (len(regs), self.smp))
        return regs

    def read_phys(self, addr, nwords):
        out = self._gdb(["maintenance packet Qqemu.PhyMemMode:1",
                         "x/%dgx %#x" % (nwords, addr),
                         "maintenance packet Qqemu.PhyMemMode:0"])
        words = parse_words(out)
        try:
            return [words[addr + 8 * i] for i in range(nwords)]
        except KeyError:
            raise OracleError("cannot read %d words of physical memory at "
                              "%#x" % (nwords, addr))

    def read_bytes(self, addr, size):
        return b"".join(w.to_bytes(8, "little")
                        for w in self.read_phys(addr, (size + 7) // 8))[:size]

    # -- the baseline -----------------------------------------------------

    def baseline(self, text):
        """Before el2reset loads: record and check each vCPU's stub."""
        try:
            kv = dict(w.split("=", 1) for w in text.split()[1:])
            init_begin = int(kv["init_begin"], 16)
            stub_va = int(kv["stub_va"], 16)
            code_end = int(kv["kernel_code_end"], 16)
            # the Image file starts at _text; where kallsyms lacks it,
            # _stext is _text + 64 KiB (vmlinux.lds.S: SEGMENT_ALIGN)
            text_va = int(kv["text"], 16) if kv.get("text") else \
                int(kv["stext"], 16) - STEXT_IN_IMAGE
            offline = {int(c) for c in kv.get("offline", "").split(",")
                       if c}
        except (KeyError, ValueError):
            raise OracleError("baseline request without init_begin=, "
                              "stub_va=, kernel_code_end=, stext= or text=: "
                              "'%s'" % text)
        want = code_end + 1 - (init_begin - stub_va)
        regs = self.read_regs()
        # Not read, given the stub address the kernel's records say: vCPUs
        # the kernel never started (maxcpus=: they get the stub when they
        # come online) and, with loaded=1 (el2reset loaded before the guest
        # could ask), every vCPU.
        unread = set(regs) if kv.get("loaded") == "1" else offline
        for c in unread & set(regs):
            regs[c] = dict(regs[c], VBAR_EL2=want, SCTLR_EL2=0)
        self.stub = {c: r["VBAR_EL2"] for c, r in regs.items()}
        # HCR_EL2 as the kernel's init_el2 left it (HCR_HOST_NVHE_FLAGS):
        # what a hand-over must leave, trap bits included
        self.hcr = {c: r["HCR_EL2"] for c, r in regs.items()
                    if c not in unread}
        # the whole control set, as the stub holds it: what every hand-over
        # must give back
        self.ctl = {c: {n: v for n, v in r.items() if n != "VBAR_EL2"}
                    for c, r in regs.items() if c not in unread}
        bad = ["vCPU%d VBAR_EL2=%#x" % (c, v)
               for c, v in sorted(self.stub.items()) if v != want]
        bad += ["vCPU%d SCTLR_EL2=%#x (%s)" % (c, r["SCTLR_EL2"],
                                              sctlr_bits(r["SCTLR_EL2"]))
                for c, r in sorted(regs.items())
                if r["SCTLR_EL2"] & (SCTLR_M | SCTLR_C)]
        off = stub_va - text_va
        try:
            with open(self.image, "rb") as f:
                f.seek(off)
                ref = f.read(2048)
        except OSError as e:
            raise OracleError("cannot read the Image: %s" % e)
        if len(ref) != 2048 or self.read_bytes(want, 2048) != ref:
            bad.append("the 2 KiB at %#x differ from the Image's "
                       "__hyp_stub_vectors" % want)
        if bad:
            self.stub = None
        what = "stub address (module loaded at boot): __hyp_stub_vectors" \
            if kv.get("loaded") == "1" else "before el2reset loads: " \
            "VBAR_EL2 = __hyp_stub_vectors, EL2 MMU off,"
        return (not bad, "oracle baseline on %d vCPUs %s at %#x (kallsyms "
                "+ iomem), its 2 KiB = the Image's%s"
                % (len(regs), what, want, "" if not bad else " -- " +
                   "; ".join(bad)))

    # -- judging ----------------------------------------------------------

    def walk(self, ttbr, tcr, va):
        """The oracle's own stage-1 walk (4 KiB granule): (pa, leaf)."""
        if tcr & TCR_TG0 or (tcr & TCR_T0SZ) != 16:
            raise OracleError("TCR_EL2=%#x: not a 4 KiB granule with "
                              "48-bit VAs, the oracle cannot walk it" % tcr)
        table = ttbr & DESC_OA
        for level in range(4):
            idx = (va >> (39 - 9 * level)) & 0x1ff
            desc = self.read_phys(table + 8 * idx, 1)[0]
            if not desc & DESC_VALID:
                raise OracleError("walk of %#x: invalid descriptor at "
                                  "level %d" % (va, level))
            if level == 3 or not desc & DESC_TABLE:
                if level in (0, 3) and not desc & DESC_TABLE:
                    raise OracleError("walk of %#x: reserved descriptor "
                                      "%#x at level %d" % (va, desc, level))
                size = 1 << (39 - 9 * level)
                return (desc & DESC_OA & ~(size - 1)) | (va & (size - 1)), \
                    desc
            table = desc & DESC_OA
        raise OracleError("unreachable")

    def count_tables(self, ttbr):
        """Pages the stage-1 tables at @ttbr use and map (4 KiB granule):
        (table pages, mapped 4 KiB pages), read by walking every valid
        descriptor of every table reached from the root."""
        tables, mapped = 0, 0
        todo = [(ttbr & DESC_OA, 0)]
        seen = set()
        while todo:
            table, level = todo.pop()
            if table in seen:
                raise OracleError("table %#x reached twice" % table)
            seen.add(table)
            tables += 1
            for desc in self.read_phys(table, 512):
                if not desc & DESC_VALID:
                    continue
                if level < 3 and desc & DESC_TABLE:
                    todo.append((desc & DESC_OA, level + 1))
                elif level in (0, 3) and not desc & DESC_TABLE:
                    raise OracleError("reserved descriptor %#x at level %d"
                                      % (desc, level))
                else:
                    mapped += 1 << (9 * (3 - level))
        return tables, mapped

    def leaves(self, ttbr):
        """Every valid leaf of the stage-1 tables at @ttbr (4 KiB granule,
        48-bit VAs): [(va, pa, size, desc)], read by walking them all."""
        out, todo = [], [(ttbr & DESC_OA, 0, 0)]
        while todo:
            table, level, base = todo.pop()
            for i, desc in enumerate(self.read_phys(table, 512)):
                if not desc & DESC_VALID:
                    continue
                va = base | (i << (39 - 9 * level))
                if level < 3 and desc & DESC_TABLE:
                    todo.append((desc & DESC_OA, level + 1, va))
                else:
                    size = 1 << (39 - 9 * level)
                    out.append((va, desc & DESC_OA & ~(size - 1), size,
                                desc))
        return sorted(out)

    def payload_code(self, regs, cpus):
        """The one executable range of el2reset's tables besides its own
        code: [(pa, bad...)], judged against the example payload's EL2 code
        from its .ko (identity-mapped, read-only, the bytes as built)."""
        vbar, ttbr = self.resident
        pl = self.el2code.payload if self.el2code is not None else None
        if pl is None:
            raise OracleError("no payload .ko on the host to compare with")
        runs, bad = [], []
        for va, pa, size, desc in self.leaves(ttbr):
            if desc & DESC_XN or vbar <= va < vbar + 8192:
                continue
            if pa != va or not desc & DESC_AP_RO:
                bad.append("executable page %#x: maps %#x, descriptor %#x "
                           "(not identity + read-only)" % (va, pa, desc))
            if runs and runs[-1][1] == va:
                runs[-1][1] = va + size
            else:
                runs.append([va, va + size])
        return runs, bad

    def payload(self, text):
        """"payload running|gone [cpuN=STATE]...": el2reset resident on
        every vCPU not named; with "running" the example payload's code is
        the one other executable range of its tables, byte for byte, and
        HCR_EL2 is the baseline's plus TVM (the payload's start ran there);
        with "gone" there is no other executable range and HCR_EL2 is the
        baseline's. Named vCPUs are judged as in any request."""
        words = text.split()
        req = parse_request(" ".join(["resident"] + words[2:]))
        regs = self.read_regs()
        bad = self.judge(regs, req)
        res = [c for c in sorted(regs)
               if req["cpus"].get(c, "resident") == "resident"]
        if not bad and res:
            runs, bad = self.payload_code(regs, res)
            pl = self.el2code.payload
            if words[1] == "running":
                if len(runs) != 1:
                    bad.append("%d executable ranges besides el2reset's "
                               "code, not 1: %s" % (len(runs), ", ".join(
                                   "%#x-%#x" % tuple(r) for r in runs)))
                elif self.read_bytes(runs[0][0], len(pl)) != pl:
                    bad.append("the code at %#x is not the payload's as "
                               "built" % runs[0][0])
                else:
                    self.payload_pa = runs[0][0]
            elif runs:
                bad.append("executable ranges besides el2reset's code: %s"
                           % ", ".join("%#x-%#x" % tuple(r) for r in runs))
            tvm = HCR_TVM if words[1] == "running" else 0
            bad += ["vCPU%d HCR_EL2=%#x, not the baseline's %#x%s"
                    % (c, regs[c]["HCR_EL2"], self.hcr[c] | tvm,
                       " | TVM" if tvm else "")
                    for c in res if c in self.hcr and
                    regs[c]["HCR_EL2"] != self.hcr[c] | tvm]
        return (not bad, "oracle on %d vCPUs: %s%s" % (
            len(regs), text, "" if not bad else " -- " + "; ".join(bad)))

    def payload_break(self, text):
        """"payload-break ENTRY": a hardware breakpoint at the payload's
        entry ENTRY (a symbol of its .ko) in the copy "payload running"
        found; when a vCPU reaches it: PC there, at EL2 (PSTATE.EL), and
        for the trap entry the frame's ESR_EL2 (at x0) a trapped MSR."""
        words = text.split()
        pl = self.el2code.payload if self.el2code is not None else None
        if pl is None or self.payload_pa is None:
            raise OracleError("payload-break before a passing \"payload "
                              "running\"")
        if len(words) != 2 or words[1] not in pl.entries:
            raise OracleError("payload-break wants one of %s"
                              % ", ".join(sorted(pl.entries)))
        addr = self.payload_pa + pl.entries[words[1]]
        cmds = ["hbreak *%#x" % addr, "echo EL2R-ARMED\\n", "continue",
                "echo EL2R-STOPPED\\n",
                'printf "PLHIT %%#lx %%#lx %%#lx\\n", $pc, $cpsr, '
                "*(unsigned long *)($x0 + %d)" % PL_REGS_ESR, "detach"]
        return self._arm_cmds(cmds, "breakpoint at %s (%#x)"
                              % (words[1], addr),
                              lambda out: self._judge_payload(out, addr,
                                                              words[1]))

    def _judge_payload(self, text, addr, entry):
        m = re.search(r"PLHIT (0x[0-9a-f]+) (0x[0-9a-f]+) (0x[0-9a-f]+)",
                      text)
        if not m:
            return False, "oracle: the payload's %s was never reached" \
                % entry
        pc, cpsr, esr = (int(x, 16) for x in m.groups())
        bad = []
        if pc != addr:
            bad.append("PC %#x" % pc)
        if (cpsr >> 2) & 3 != 2:
            bad.append("PSTATE.EL %d (CPSR %#x)" % ((cpsr >> 2) & 3, cpsr))
        if entry.endswith("trap") and (esr >> 26) & 0x3f != 0x18:
            bad.append("the frame's ESR_EL2 %#x is not a trapped MSR" % esr)
        return (not bad, "oracle: the payload's %s ran at EL2 (PC %#x, "
                "CPSR %#x, ESR_EL2 %#x)%s" % (entry, pc, cpsr, esr,
                                             "" if not bad else " -- " +
                                             "; ".join(bad)))

    def footprint(self):
        """The EL2 pages el2reset's tables use and map, counted from its
        TTBR0_EL2 after a walk-checked resident state on every vCPU."""
        regs = self.read_regs()
        bad = self.check_resident(regs, sorted(regs))
        if bad:
            return False, "oracle footprint: not resident -- " + \
                "; ".join(bad)
        tables, mapped = self.count_tables(self.resident[1])
        return True, ("oracle footprint: %d table pages + %d mapped pages "
                      "= %d pages" % (tables, mapped, tables + mapped))

    def page_size(self):
        """The kernel's page size, from its Image header (flags bits 1-2,
        Documentation/arch/arm64/booting.rst): where el2reset's data
        starts after its one page of code."""
        try:
            with open(self.image, "rb") as f:
                hdr = f.read(64)
        except OSError as e:
            raise OracleError("cannot read the Image: %s" % e)
        sz = (int.from_bytes(hdr[24:32], "little") >> 1) & 3
        if len(hdr) < 64 or hdr[56:60] != b"ARM\x64" or not sz:
            raise OracleError("the Image has no arm64 header with a page "
                              "size")
        return 1 << (10 + 2 * sz)

    def check_code(self, vbar, tests=None):
        """The code at @vbar is el2reset.ko's EL2 code as linked (nothing
        patched into it); its test calls are there or all zero (never
        copied), as @tests asks ("present", "absent"; None: either); the
        data page after it names the baseline stub as what a hand-over
        restores."""
        if self.el2code is None:
            # a module built inside the guest (DKMS): code not compared
            self.log("oracle: no el2reset.ko on the host, code not compared")
            return []
        bad = []
        off = self.el2code.test_off
        code = self.read_bytes(vbar, len(self.el2code))
        if code[:off] != self.el2code[:off]:
            bad.append("the code at VBAR_EL2 %#x is not el2reset.ko's "
                       "EL2 code" % vbar)
        tail = code[off:]
        have = "present" if tail == self.el2code[off:] else \
            "absent" if tail == bytes(len(tail)) else "other"
        if have == "other" or (tests and have != tests):
            bad.append("el2reset's test calls at %#x are %s, not %s"
                       % (vbar + off, have, tests or "present or absent"))
        # struct el2r_params opens the data, after the code's room (8 KiB
        # in whole pages: el2reset_abi.h's EL2R_CODE_ROOM): its first word
        ps = self.page_size()
        stub = self.read_phys(vbar + (8192 + ps - 1) // ps * ps, 1)[0]
        if stub not in self.stub.values():
            bad.append("the resident code would restore %#x, not the "
                       "baseline stub" % stub)
        return bad

    def check_resident(self, regs, cpus, above=None, tests=None):
        """el2reset resident on @cpus, proven by walking its tables; with
        @above, its vectors and root table lie at or above that PA; with
        @tests, its test calls are "present" or "absent"."""
        if self.stub is None:
            raise OracleError("no baseline taken in this boot")
        pairs = {(regs[c]["VBAR_EL2"], regs[c]["TTBR0_EL2"]) for c in cpus}
        bad = ["vCPU%d SCTLR_EL2=%#x (%s)" % (c, regs[c]["SCTLR_EL2"],
                                              sctlr_bits(regs[c]["SCTLR_EL2"]))
               for c in cpus if regs[c]["SCTLR_EL2"] & SCTLR_MCI != SCTLR_MCI]
        if len(pairs) != 1:
            return bad + ["VBAR_EL2/TTBR0_EL2 differ between vCPUs: %s" %
                          ", ".join("%#x/%#x" % p for p in sorted(pairs))]
        vbar, ttbr = pairs.pop()
        if above is not None and (vbar < above or ttbr < above):
            bad.append("VBAR_EL2 %#x / TTBR0_EL2 %#x not above %#x"
                       % (vbar, ttbr, above))
        if vbar in self.stub.values():
            return bad + ["VBAR_EL2 is the stub's %#x" % vbar]
        pa, desc = self.walk(ttbr, regs[min(cpus)]["TCR_EL2"], vbar)
        if pa != vbar:
            bad.append("tables map VBAR_EL2 %#x to %#x, not to itself"
                       % (vbar, pa))
        if not desc & DESC_AP_RO or desc & DESC_XN:
            bad.append("the vector page's descriptor %#x is not "
                       "read-only + executable" % desc)
        bad += self.check_code(vbar, tests)
        if not bad:
            self.resident = (vbar, ttbr)
        return bad

    def judge(self, regs, req, hit_cpu=None):
        """Failures of @regs against the request's per-vCPU states."""
        bad, walked = [], req["break"] is not None
        want = {}
        for c in regs:
            s = req["cpus"].get(c, req["default"])
            if c == hit_cpu and req["hit"]:
                s = req["hit"]
            want[c] = s
        for c in sorted(regs):
            r, s = regs[c], want[c]
            if s in ("handed", "stub"):
                if self.stub is None:
                    raise OracleError("no baseline taken in this boot")
                if r["VBAR_EL2"] != self.stub[c]:
                    bad.append("vCPU%d VBAR_EL2=%#x, not the stub %#x"
                               % (c, r["VBAR_EL2"], self.stub[c]))
                if r["SCTLR_EL2"] & SCTLR_MCI:
                    bad.append("vCPU%d SCTLR_EL2=%#x (%s)" % (
                        c, r["SCTLR_EL2"], sctlr_bits(r["SCTLR_EL2"])))
                if s == "handed":
                    bad += self.differs(c, r)
            if s == "kvm":
                # KVM's own EL2: its MMU on, neither the stub's vectors nor
                # el2reset's
                if self.stub is None:
                    raise OracleError("no baseline taken in this boot")
                if r["VBAR_EL2"] == self.stub[c] or \
                        (self.resident and
                         r["VBAR_EL2"] == self.resident[0]) or \
                        not r["SCTLR_EL2"] & SCTLR_M:
                    bad.append("vCPU%d VBAR_EL2=%#x SCTLR_EL2=%#x: not KVM "
                               "(the stub or el2reset, or EL2 MMU off)"
                               % (c, r["VBAR_EL2"], r["SCTLR_EL2"]))
        res = [c for c in sorted(regs) if want[c] == "resident"]
        if res and walked:
            # at a breakpoint: the registers of the last walk-checked state
            if self.resident is None:
                raise OracleError("no walk-checked resident state earlier "
                                  "in this boot")
            for c in res:
                got = (regs[c]["VBAR_EL2"], regs[c]["TTBR0_EL2"])
                if got != self.resident or \
                        regs[c]["SCTLR_EL2"] & SCTLR_MCI != SCTLR_MCI:
                    bad.append("vCPU%d VBAR/TTBR0/SCTLR_EL2 = %#x/%#x/%#x, "
                               "not resident" % ((c,) + got +
                                                 (regs[c]["SCTLR_EL2"],)))
        elif res:
            bad += self.check_resident(regs, res, req["above"],
                                       req["tests"])
        return bad

    def differs(self, c, r):
        """What of vCPU @c's registers @r is not as the baseline had it,
        each register named with the bits that differ."""
        base = self.ctl.get(c)
        if base is None:
            # not read at the baseline (the module was loaded at boot, or
            # the CPU was offline): the stub's TTBR0_EL2 is all it knows
            return [] if not r["TTBR0_EL2"] else [
                "vCPU%d TTBR0_EL2=%#x, not 0" % (c, r["TTBR0_EL2"])]
        return ["vCPU%d %s=%#x, not the baseline's %#x (bits %#x differ)"
                % (c, n, r[n], v, r[n] ^ v)
                for n, v in sorted(base.items()) if n in r and r[n] != v]

    def request(self, text):
        """One console request -> (ok, description)."""
        if text.split()[0] == "baseline":
            return self.baseline(text)
        if text.strip() == "footprint":
            return self.footprint()
        if text.split()[0] == "payload":
            return self.payload(text)
        if text.split()[0] == "payload-break":
            return self.payload_break(text)
        req = parse_request(text)
        if req["break"] is not None:
            return self.arm(req)
        regs = self.read_regs()
        bad = self.judge(regs, req)
        n = len(self.names) - 1
        return (not bad, "oracle on %d vCPUs: %s%s%s" % (
            len(regs), text, " (%d EL2 control registers compared with the "
            "baseline)" % n if "handed" in text and self.ctl else "",
            "" if not bad else " -- " + "; ".join(bad)))

    # -- breakpoints --------------------------------------------------------

    def arm(self, req):
        """Set a hardware breakpoint and let the guest go on; when a vCPU
        reaches it, judge every vCPU there (the result is collected by
        finish())."""
        names = self.reg_names()
        cmds = ["hbreak *%#x" % req["break"], "echo EL2R-ARMED\\n",
                "continue", "echo EL2R-STOPPED\\n", "thread",
                reg_cmd(names), req["then"]]
        where = "breakpoint at %#x" % req["break"]
        self._arm_cmds(cmds, where,
                       lambda text: self._judge_stop(req, text, where, names))
        return True, "oracle armed a hardware %s: %s" % (where, req["text"])

    def _arm_cmds(self, cmds, where, judge):
        """Run @cmds (which set a breakpoint, echo EL2R-ARMED and go on) in
        a gdb of their own; once armed, return; judge(gdb's output) is
        collected by finish()."""
        results = []
        armed = threading.Event()

        def run():
            try:
                p = subprocess.Popen(_gdb_cmd(self.port, cmds), text=True,
                                     stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT)
            except OSError as e:
                results.append((False, "%s: gdb cannot start: %s"
                                % (where, e)))
                armed.set()
                return
            out = []
            for line in p.stdout:
                out.append(line)
                if "EL2R-ARMED" in line:
                    armed.set()
            p.wait()
            armed.set()
            text = "".join(out)
            self.log("gdb (%s):\n%s" % (where, text))
            results.append(judge(text))

        t = threading.Thread(target=run, daemon=True)
        t.start()
        self.breaks.append((t, results))
        if not armed.wait(GDB_TIMEOUT):
            raise OracleError("%s: gdb did not arm in %ds"
                              % (where, GDB_TIMEOUT))
        return True, "oracle armed a hardware %s" % where

    def _judge_stop(self, req, text, where, names):
        if "EL2R-STOPPED" not in text or \
                not re.search(r" hit (Hardware )?[Bb]reakpoint ", text):
            return False, "oracle: the %s was never hit" % where
        m = re.search(r"Current thread is \d+ \(Thread \d+\.(\d+)", text)
        hit = int(m.group(1)) - 1 if m else None
        regs = parse_regs(text.split("EL2R-STOPPED", 1)[1], names)
        try:
            if len(regs) != self.smp:
                raise OracleError("read %d vCPUs at the breakpoint, want %d"
                                  % (len(regs), self.smp))
            bad = self.judge(regs, req, hit)
        except OracleError as e:
            bad = [str(e)]
        return (not bad, "oracle at the %s (hit on vCPU%s): %s%s" % (
            where, hit, req["text"], "" if not bad else " -- " +
            "; ".join(bad)))

    def finish(self, timeout=30):
        """Results of the breakpoints armed in this run (call once qemu has
        exited: gdb then ends too)."""
        self.gdb.close()
        res = []
        for t, results in self.breaks:
            t.join(timeout)
            res += results or [(False, "oracle: a breakpoint's gdb did not "
                                "finish")]
        self.breaks = []
        return res
