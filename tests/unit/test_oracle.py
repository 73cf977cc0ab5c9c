#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Host unit tests of the gdbstub oracle's pure logic (tests/oracle.py):
parsing gdb's output and the request language, the stage-1 walk, the
judgement of handed/stub/resident, the baseline. gdb is replaced by a fake
vCPU set and a dict of physical memory; one TAP line per assertion."""

import os
import sys
import tempfile

from tap import Tap  # noqa: E402 (the package's path too)
from harness import build, oracle  # noqa: E402

TAP = Tap("oracle")
ok = TAP.ok


def raises(fn, what):
    try:
        fn()
    except oracle.OracleError:
        ok(True, what)
        return
    ok(False, what)


STUB, VEC, ROOT = 0x40eee000, 0x483e4000, 0x483e8000
CODE = build.El2Code(bytes(range(1, 256)) * 8 + bytes(range(1, 65)))
CODE.test_off = len(CODE) - 64     # the last 64 bytes: the test calls
HCR = 0x80000000   # HCR_EL2.RW: HCR_HOST_NVHE_FLAGS as QEMU reads it back
HANDED = {"VBAR_EL2": STUB, "SCTLR_EL2": 0x30c50830, "TTBR0_EL2": 0,
          "TCR_EL2": 0x80843510, "HCR_EL2": HCR}
RES = {"VBAR_EL2": VEC, "SCTLR_EL2": 0x30ed183d, "TTBR0_EL2": ROOT,
       "TCR_EL2": 0x80843510, "HCR_EL2": HCR}


class Fake(oracle.Oracle):
    def __init__(self, regs, mem, image=None):
        super().__init__(0, len(regs), image, CODE)
        self.regs, self.mem = regs, mem

    def read_regs(self):
        return {c: dict(r) for c, r in self.regs.items()}

    def page_size(self):
        return 4096

    def read_phys(self, addr, nwords):
        try:
            return [self.mem[addr + 8 * i] for i in range(nwords)]
        except KeyError:
            raise oracle.OracleError("unmapped %#x" % addr)


def tables(leaf_attrs=(1 << 7) | (1 << 10) | 3):
    """An identity map of VEC: L0..L2 tables, an L3 page; and the code."""
    mem = {}
    l1, l2, l3 = ROOT + 0x1000, ROOT + 0x2000, ROOT + 0x3000
    mem[ROOT + 8 * ((VEC >> 39) & 0x1ff)] = l1 | 3
    mem[l1 + 8 * ((VEC >> 30) & 0x1ff)] = l2 | 3
    mem[l2 + 8 * ((VEC >> 21) & 0x1ff)] = l3 | 3
    mem[l3 + 8 * ((VEC >> 12) & 0x1ff)] = VEC | leaf_attrs
    code = CODE + bytes(-len(CODE) % 8)
    for i in range(0, len(code), 8):
        mem[VEC + i] = int.from_bytes(code[i:i + 8], "little")
    mem[VEC + 8192] = STUB          # el2r_params.stub_vectors: after
                                    # the code's 8 KiB room
    return mem


PL_PA = VEC + 0x3000
PAYLOAD = build.PayloadCode(bytes(range(7, 71)))
PAYLOAD.entries = {"tvm_el2_trap": 0x20}


def payload_tables(attrs=(1 << 7) | (1 << 10) | 3, code=PAYLOAD):
    """tables() with every table word readable and, in the same L3 table,
    a payload's code page at PL_PA (read-only executable by default)."""
    mem = dict(tables())
    for t in range(4):
        for i in range(512):
            mem.setdefault(ROOT + 0x1000 * t + 8 * i, 0)
    mem[ROOT + 0x3000 + 8 * ((PL_PA >> 12) & 0x1ff)] = PL_PA | attrs
    code = code + bytes(-len(code) % 8)
    for i in range(0, len(code), 8):
        mem[PL_PA + i] = int.from_bytes(code[i:i + 8], "little")
    return mem


def payload_checks():
    """The oracle's payload requests against fake tables."""
    code = build.El2Code(CODE)
    code.test_off, code.payload = CODE.test_off, PAYLOAD
    tvm = dict(RES, HCR_EL2=HCR | oracle.HCR_TVM)
    o = Fake({0: tvm, 1: tvm}, payload_tables())
    o.el2code = code
    o.stub, o.hcr = {0: STUB, 1: STUB}, {0: HCR, 1: HCR}
    good, desc = o.payload("payload running")
    ok(good and o.payload_pa == PL_PA,
       "payload running: its code found, as built, TVM set: " + desc)
    good, desc = o.payload("payload gone")
    ok(not good and "executable ranges" in desc,
       "payload gone fails while its code is mapped: " + desc)
    o.regs = {0: RES, 1: tvm}
    good, desc = o.payload("payload running")
    ok(not good and "vCPU0 HCR_EL2" in desc,
       "payload running fails on a vCPU without TVM: " + desc)
    o.regs = {0: tvm, 1: tvm}
    o.mem = payload_tables(code=build.PayloadCode(bytes(64)))
    good, desc = o.payload("payload running")
    ok(not good and "not the payload's" in desc,
       "payload running fails on other bytes: " + desc)
    o.mem = payload_tables(attrs=(1 << 10) | 3)
    good, desc = o.payload("payload running")
    ok(not good and "not identity + read-only" in desc,
       "payload running fails on a writable executable page: " + desc)
    o.mem = tables()
    for t in range(4):
        for i in range(512):
            o.mem.setdefault(ROOT + 0x1000 * t + 8 * i, 0)
    o.regs = {0: RES, 1: RES}
    good, desc = o.payload("payload gone")
    ok(good, "payload gone: no other executable range, HCR_EL2 the "
       "baseline's: " + desc)
    good, desc = o.payload("payload running")
    ok(not good and "0 executable ranges" in desc,
       "payload running fails with no payload mapped: " + desc)
    good, desc = o._judge_payload("PLHIT 0x483e7020 0x3c9 0x62323400",
                                  PL_PA + 0x20, "tvm_el2_trap")
    ok(good, "payload-break: PC at the entry, EL2h, a trapped MSR: " + desc)
    good, desc = o._judge_payload("PLHIT 0x483e7020 0x3c5 0x62323400",
                                  PL_PA + 0x20, "tvm_el2_trap")
    ok(not good, "payload-break fails at EL1: " + desc)
    good, desc = o._judge_payload("", PL_PA + 0x20, "tvm_el2_trap")
    ok(not good, "payload-break fails when never reached")


def main():
    out = ("Thread 2 (Thread 1.2 (CPU#1 [halted ])):\n"
           "EL2REGS 0x40eee000 0x30c50830 0 0x80843510 0x80000000\n"
           "Thread 1 (Thread 1.1 (CPU#0 [running])):\n"
           "EL2REGS 0x483e4000 0x30ed183d 0x483e8000 0x80843510 "
           "0x80000000\n")
    regs = oracle.parse_regs(out)
    ok(regs == {1: HANDED, 0: RES},
       "parse_regs maps gdb thread 1.N to CPU N-1")
    ok(oracle.parse_words("0x1000:\t0x1\t0x2\n") == {0x1000: 1, 0x1008: 2},
       "parse_words reads x/Ngx lines")
    r = oracle.parse_request("handed cpu2=resident break=ffff0001 hit=stub "
                             "then=kill")
    ok(r["default"] == "handed" and r["cpus"] == {2: "resident"} and
       r["break"] == 0xffff0001 and r["hit"] == "stub" and
       r["then"] == "kill", "parse_request reads every key")
    for bad in ("", "clean", "handed cpu1=dirty", "handed vbar=0x1",
                "handed break=xyz", "handed then=reboot", "handed junk"):
        raises(lambda b=bad: oracle.parse_request(b),
               "request '%s' is an error, not a pass" % bad)

    o = Fake({0: HANDED, 1: HANDED}, tables())
    o.stub = {0: STUB, 1: STUB}
    o.hcr = {0: HCR, 1: HCR}
    # the baseline's control set: every register but VBAR_EL2
    base = {n: v for n, v in HANDED.items() if n != "VBAR_EL2"}
    o.ctl = {0: dict(base, MDCR_EL2=6), 1: dict(base, MDCR_EL2=6)}
    o.regs = {c: dict(HANDED, MDCR_EL2=6) for c in (0, 1)}
    req = oracle.parse_request("handed")
    ok(not o.judge(o.read_regs(), req), "handed: the stub, MMU off, TTBR0 0")
    for field, value, what in (("VBAR_EL2", STUB + 0x800, "a wrong VBAR"),
                               ("SCTLR_EL2", 0x30c50834, "SCTLR_EL2.C set"),
                               ("SCTLR_EL2", 0x30c51830, "SCTLR_EL2.I set"),
                               ("SCTLR_EL2", 0x30c50831, "SCTLR_EL2.M set"),
                               ("TTBR0_EL2", ROOT, "TTBR0_EL2 left"),
                               ("HCR_EL2", HCR | 1 << 13,
                                "HCR_EL2.TWI left")):
        o.regs = {0: dict(HANDED, MDCR_EL2=6),
                  1: dict(HANDED, MDCR_EL2=6, **{field: value})}
        ok(o.judge(o.read_regs(), req), "handed fails on " + what)
    o.regs = {0: dict(HANDED, MDCR_EL2=6), 1: dict(HANDED, MDCR_EL2=0x86)}
    bad = o.judge(o.read_regs(), req)
    ok(len(bad) == 1 and "vCPU1 MDCR_EL2=0x86, not the baseline's 0x6 "
       "(bits 0x80 differ)" in bad[0],
       "handed names a control register that differs and its bits: %s"
       % bad)
    o.regs = {0: dict(HANDED, MDCR_EL2=6, HCR_EL2=HCR | 1 << 56),
              1: dict(HANDED, MDCR_EL2=6)}
    o.ctl[0]["HCR_EL2"] = HCR | 1 << 56
    ok(not o.judge(o.read_regs(), req),
       "handed: each CPU against its own baseline (HCR_EL2.ATA kept)")
    o.ctl[0]["HCR_EL2"] = HCR
    o.regs = {0: HANDED, 1: HANDED}
    o.regs = {0: HANDED, 1: dict(HANDED, TTBR0_EL2=ROOT)}
    ok(not o.judge(o.read_regs(), oracle.parse_request("stub")),
       "stub: TTBR0_EL2 not checked")

    o.regs = {0: RES, 1: RES}
    ok(not o.judge(o.read_regs(), oracle.parse_request("resident")),
       "resident: walk maps VBAR to itself, code and stub literal match")
    ok(o.resident == (VEC, ROOT), "resident remembers the walked state")
    full = dict(tables())
    for t in range(4):          # every word of the four table pages
        for i in range(512):
            full.setdefault(ROOT + 0x1000 * t + 8 * i, 0)
    full[ROOT + 0x3000 + 8 * (((VEC >> 12) + 1) & 0x1ff)] = \
        (VEC + 0x1000) | 3 | (1 << 10)
    o2 = Fake({0: RES, 1: RES}, full)
    o2.stub = {0: STUB, 1: STUB}
    good, desc = o2.footprint()
    ok(good and "4 table pages + 2 mapped pages = 6 pages" in desc,
       "footprint counts every table and mapped page: " + desc)
    full[ROOT + 0x2000 + 8 * 7] = 0x40000000 | 1 | (1 << 10)
    good, desc = o2.footprint()
    ok(good and "+ 514 mapped pages" in desc,
       "footprint counts a 2 MiB block as 512 pages: " + desc)
    o2.regs = {0: RES, 1: HANDED}
    good, desc = o2.footprint()
    ok(not good, "footprint refuses a state that is not resident")
    o.regs = {0: RES, 1: HANDED}
    req = oracle.parse_request("resident cpu1=handed")
    ok(not o.judge(o.read_regs(), req),
       "per-CPU override: an offline vCPU handed, the rest resident")
    o.regs = {0: RES, 1: RES}
    ok(not o.judge(o.read_regs(),
                   oracle.parse_request("resident above=40000000")),
       "resident above= holds for tables and vectors above it")
    ok(o.judge(o.read_regs(),
               oracle.parse_request("resident above=100000000")),
       "resident above= fails for pages below it")
    o.regs = {0: RES, 1: dict(RES, VBAR_EL2=VEC + 0x1000)}
    ok(o.judge(o.read_regs(), oracle.parse_request("resident")),
       "resident fails when vCPUs disagree")
    o.regs = {0: RES, 1: RES}
    o.mem = tables(leaf_attrs=(1 << 10) | 3)
    ok(o.judge(o.read_regs(), oracle.parse_request("resident")),
       "resident fails on a writable vector page")
    o.mem = tables(leaf_attrs=(1 << 54) | (1 << 7) | (1 << 10) | 3)
    ok(o.judge(o.read_regs(), oracle.parse_request("resident")),
       "resident fails on an execute-never vector page")
    o.mem = tables()
    o.mem[VEC + 8192] = STUB + 0x800
    ok(o.judge(o.read_regs(), oracle.parse_request("resident")),
       "resident fails when the copy would restore a wrong stub")
    o.mem = tables()
    ok(not o.judge(o.read_regs(),
                   oracle.parse_request("resident tests=present")) and
       o.judge(o.read_regs(), oracle.parse_request("resident tests=absent")),
       "tests=present holds for a copy with the test calls, absent fails")
    for i in range(CODE.test_off, len(CODE), 8):
        o.mem[VEC + i] = 0
    ok(not o.judge(o.read_regs(),
                   oracle.parse_request("resident tests=absent")) and
       not o.judge(o.read_regs(), oracle.parse_request("resident")) and
       o.judge(o.read_regs(), oracle.parse_request("resident tests=present")),
       "tests=absent holds for a copy without them (zeros), present fails")
    o.mem[VEC + CODE.test_off] = 1
    ok(o.judge(o.read_regs(), oracle.parse_request("resident")),
       "resident fails when the test calls are neither there nor zero")
    o.mem = tables()
    o.mem[VEC + 16] ^= 1
    ok(o.judge(o.read_regs(), oracle.parse_request("resident")),
       "resident fails when the code differs from the .ko's")
    payload_checks()
    o.mem = {}
    raises(lambda: o.judge(o.read_regs(), oracle.parse_request("resident")),
           "an unreadable table is an error")
    o.stub = None
    raises(lambda: o.judge(o.read_regs(), oracle.parse_request("handed")),
           "no baseline: an error, not a pass")

    # baseline: kallsyms + iomem + the Image's bytes
    img = bytes((i * 7) & 0xff for i in range(0x20000))
    with tempfile.NamedTemporaryFile() as f:
        f.write(img)
        f.flush()
        text, stub_va = 0xffff800080000000, 0xffff800080012000
        init_begin = 0xffff800080018000
        pa = STUB
        code_end = pa + (init_begin - stub_va) - 1
        mem = {pa + i: int.from_bytes(img[0x12000 + i:0x12000 + i + 8],
                                      "little") for i in range(0, 2048, 8)}
        o = Fake({0: HANDED, 1: HANDED}, mem, f.name)
        req = ("baseline init_begin=%x stub_va=%x kernel_code_end=%x "
               "stext=%x text=%x" % (init_begin, stub_va, code_end,
                                     text + 0x10000, text))
        good, _ = o.baseline(req)
        ok(good and o.stub == {0: STUB, 1: STUB},
           "baseline: VBAR_EL2 = kallsyms + iomem, bytes = the Image's")
        good, _ = o.baseline(req.replace(" text=%x" % text, " text="))
        ok(good, "baseline without _text: _stext - 64 KiB")
        o.regs = {0: HANDED, 1: dict(HANDED, VBAR_EL2=STUB + 0x800)}
        good, _ = o.baseline(req)
        ok(not good and o.stub is None, "baseline fails on a vCPU elsewhere")
        o.regs = {0: HANDED, 1: HANDED}
        o.mem[pa + 8] ^= 1
        good, _ = o.baseline(req)
        ok(not good, "baseline fails when the bytes differ from the Image")
        raises(lambda: o.baseline("baseline stub_va=1"),
               "a baseline request without its keys is an error")
    gdb_session()
    return TAP.done()


# A stand-in for gdb-multiarch (the PATH's first): echoes "echo" text, says
# which port "target remote" names, never answers "hang", exits on "quit".
FAKE_GDB = r"""#!/usr/bin/env python3
import sys, time
for line in sys.stdin:
    c = line.strip()
    if c.startswith("echo "):
        sys.stdout.write(c[5:].replace("\\n", "\n"))
    elif c.startswith("target remote"):
        print("connected " + c.split()[-1])
    elif c == "hang":
        time.sleep(3600)
    elif c == "quit":
        sys.exit(0)
    elif c and not c.startswith(("set ", "detach")):
        print("ran " + c)
    sys.stdout.flush()
"""


def gdb_session():
    """oracle.Gdb: one gdb per run, a request's output up to its mark, a
    gdb that hangs or dies fails that request and is replaced."""
    with tempfile.TemporaryDirectory() as d:
        fake = os.path.join(d, "gdb-multiarch")
        with open(fake, "w") as f:
            f.write(FAKE_GDB)
        os.chmod(fake, 0o755)
        path = os.environ["PATH"]
        os.environ["PATH"] = d + os.pathsep + path
        try:
            g = oracle.Gdb(1234)
            out = g.run(["x/1gx 0"])
            ok(out == "connected 127.0.0.1:1234\nran x/1gx 0\n",
               "gdb session: a request connects, runs, detaches: %r" % out)
            first = g.p.pid
            out = g.run(["info registers"])
            ok(out == "connected 127.0.0.1:1234\nran info registers\n"
               and g.p.pid == first,
               "gdb session: the next request, same gdb, its own output")
            raises(lambda: g.run(["hang"], timeout=1),
                   "gdb session: no answer in time is an error")
            ok(g.p is None, "gdb session: a gdb that hung is ended")
            out = g.run(["x/1gx 8"])
            ok(out.endswith("ran x/1gx 8\n") and g.p.pid != first,
               "gdb session: the request after it starts another gdb")
            raises(lambda: g.run(["quit"], timeout=5),
                   "gdb session: a gdb that exits is an error")
            g.close()
        finally:
            os.environ["PATH"] = path


if __name__ == "__main__":
    sys.exit(main())
