# SPDX-License-Identifier: GPL-2.0
"""The emulated matrix as data: every case, the suites that run them and
the CPU rows. A case names its guest script (tests/guest/SCRIPT.sh, which
declares its own plan) and the machine it boots; nothing here counts
assertions or holds code. tests/run --list prints what a suite runs."""

import dataclasses


def version(text):
    """"6.12" -> (6, 12)."""
    return tuple(int(x) for x in text.split("."))


@dataclasses.dataclass(eq=False)
class Case:
    """One boot of the matrix (one qemu run, which may hold several
    kernels: kexec, kdump, reboot)."""
    name: str                   # KERNEL-NAME in logs and --list
    script: str                 # tests/guest/SCRIPT.sh (el2r.test=)
    append: str = ""            # more kernel command line
    cpu: object = None          # -cpu: None, the kernel's (kernels.conf);
                                # a model; {"X.Y": model}: from X.Y on
    virt: bool = True           # virtualization=on: the CPUs have EL2
    smp: int = 4
    mem: int = 1024             # MiB
    machine: str = ""           # more -M virt properties ("mte=on")
    mttcg: bool = False         # a host thread per vCPU: cases whose point
                                # is CPUs running at once (qemu.py)
    timeout: int = 240          # seconds, the whole run
    image: object = False       # the Image in the initramfs: True (kexec),
                                # "vmm" (and a VMM that boots it under KVM)
    boots: int = 1              # kernels the run boots to its script
    end: str = "EL2R-END"       # the line that ends it
    console: tuple = ()         # kernel messages it must show
    baseline: bool = True       # the oracle reads the stub before any load
                                # (not where the stub does not hold EL2 at
                                # boot: no EL2, VHE, pKVM, KVM at load)
    crash_marker: str = None    # a deliberate crash starts here (kdump)
    allow: tuple = ()           # console lines of its deliberate failures
    core: bool = False          # on every kernel of kernels.conf; else on
                                # its "full" ones
    kernels: tuple = None       # only these kernels
    since: str = None           # only kernels from this version on
    before: str = None          # only kernels older than this version
    full_only: bool = False     # make check-full only
    check_only: bool = False    # make check only (check-full runs a case
                                # that does more of the same)

    def runs_on(self, k, check_full=True):
        """kernels.conf says which kernels get every case, in make
        check-full (its set column) and in make check (check); the
        others run the core cases."""
        if not (self.core or k.runs_full(check_full)) or \
                (self.full_only and not check_full) or \
                (self.check_only and check_full):
            return False
        if self.kernels is not None:
            return k.name in self.kernels
        return (not self.since or k.version >= version(self.since)) and \
            (not self.before or k.version < version(self.before))

    def cpu_for(self, k):
        """The -cpu model on kernel @k, or None for the kernel's own."""
        if isinstance(self.cpu, dict):
            models = [m for v, m in self.cpu.items()
                      if k.version >= version(v)]
            return models[-1] if models else None
        return self.cpu


# 6.12 made KVM take EL2 when it initialises (kvm.enable_virt_at_load=1):
# since="6.12" / before="6.12" below
STUB = "kvm-arm.mode=none"



# The configuration matrix of who owns EL2.
MATRIX = [
    Case("owner-stub", "owner", STUB + " el2r.expect=load",
         core=True),
    # 6.1's KVM leaves the stub at EL2 until a VM starts: coexistence
    Case("owner-kvm", "owner", "el2r.expect=load", before="6.12"),
    # 6.12's KVM holds EL2 from boot (kvm.enable_virt_at_load=1)
    Case("owner-kvm", "owner",
         "el2r.expect=EBUSY el2r.reason=kvm.enable_virt_at_load=0",
         since="6.12"),
    Case("owner-vhe", "owner", "el2r.expect=EOPNOTSUPP el2r.reason=VHE",
         cpu="max", baseline=False),
    Case("owner-no-el2", "owner", "el2r.expect=ENODEV el2r.reason=no+EL2",
         virt=False, baseline=False),
    # 7.3's pKVM never finishes initialising on a TCG cortex-a57 (the
    # boot stops after "mpls_gso"); on -cpu max it runs as protected hVHE
    Case("owner-pkvm", "owner",
         "kvm-arm.mode=protected el2r.expect=EPERM el2r.reason=pKVM",
         baseline=False,
         cpu={"7.0": "max"}),
    # hVHE: the stub keeps HCR_EL2.E2H=1 (6.12); refused before any HVC,
    # and by EL2's own init call when the load-time check is skipped
    Case("owner-hvhe", "owner",
         "kvm-arm.mode=nvhe arm64_sw.hvhe=1 kvm.enable_virt_at_load=0 "
         "el2r.expect=EPROTONOSUPPORT el2r.reason=hVHE el2r.el2check=1",
         cpu="max", since="6.12",
         allow=["install (load) failed: -93"]),
    Case("owner-max-nvhe", "owner",
         "id_aa64mmfr1.vh=0 " + STUB + " el2r.expect=load", cpu="max"),
]

DEMO = [Case("demo", "demo", STUB, kernels=["6.1", "6.12"])]

# Residency, teardown and the sysfs interface.
RESIDENT = [
    Case("resident", "resident", STUB, timeout=400, core=True),
    Case("sysfs-abi", "abi", STUB),
    Case("kexec", "kexec", STUB + " el2r.kexecs=1", image=True, mem=2048,
         boots=2, timeout=400, core=True),
    # unload and load again: EL2 handed back, then resident again
    Case("unload-reload", "unload", STUB + " el2r.cycles=3",
         core=True),
]

# Every event that can leave EL2 dirty, each observed from
# outside: the oracle reads EL2 at a breakpoint on the way down.
DOWN = "EL2 handed back to the hyp-stub on all 4 online CPUs"
EVENTS = [
    Case("hotplug", "hotplug", STUB, timeout=600, core=True,
         mttcg=True),
    Case("race", "race", STUB, timeout=600, core=True, mttcg=True),
    Case("reboot", "reboot", STUB + " el2r.how=reboot",
         end="reboot: Restarting system",
         console=["el2reset: restart: " + DOWN]),
    Case("poweroff", "reboot", STUB + " el2r.how=poweroff",
         end="reboot: Power down", console=["el2reset: power-off: " + DOWN]),
    Case("halt", "reboot", STUB + " el2r.how=halt",
         end="reboot: System halted", console=["el2reset: halt: " + DOWN]),
    Case("unload-reboot", "reboot", STUB + " el2r.how=reboot el2r.unload=1",
         end="reboot: Restarting system"),
    Case("kexec3", "kexec", STUB + " el2r.kexecs=3", image=True, mem=2048,
         boots=4, timeout=900,
         console=["el2reset: kexec reboot: " + DOWN]),
    Case("kexec-handover", "kexec",
         STUB + " el2r.kexecs=1 el2r.kexec_digest=1 "
         "el2r.modparams=test_knobs=1,reboot_notifier=0",
         image=True, mem=2048, boots=2, timeout=400),
    Case("kdump", "kdump", STUB + " crashkernel=256M", image=True, mem=2048,
         boots=2, timeout=400, crash_marker="EL2R-CRASHING",
         core=True),
    Case("kvm-events", "kvm-events", "el2r.modparams=kvm_coexist=0",
         image=True, mem=2048, boots=2, timeout=400),
]

# KVM coexistence and power management.
KVM = [
    Case("kvm-coexist", "kvm", "el2r.kvm=coexist", image=True, mem=2048,
         boots=2, timeout=600, before="6.12"),
    Case("kvm-coexist", "kvm", "kvm.enable_virt_at_load=0 el2r.kvm=coexist",
         image=True, mem=2048, boots=2, timeout=600, since="6.12"),
    # a real VMM: Debian's qemu-system-aarch64 -accel kvm boots a guest
    # kernel (image="vmm": the Image and the VMM in the initramfs)
    Case("kvm-vmm", "vmm", "kvm.enable_virt_at_load=0", image="vmm",
         mem=2048, timeout=600, kernels=["6.12", "7.3"], core=True),
    Case("kvm-refused", "kvm", "el2r.kvm=refused", since="6.12"),
    # upstream's KVM selftests (tests/kvm-selftests.conf) beside el2reset:
    # with it loaded and yielding (make check), and in check-full also
    # without it and after a reset and the install's take-back
    Case("kvm-selftests", "kvmst", "kvm.enable_virt_at_load=0",
         image="kvmst", mem=2048, kernels=["6.12"], timeout=600,
         check_only=True),
    Case("kvm-selftests-3ways", "kvmst",
         "kvm.enable_virt_at_load=0 el2r.ways=1,2,3", image="kvmst",
         mem=2048, kernels=["6.12"], timeout=900, full_only=True),
    Case("suspend", "pm", STUB),
    Case("pm-knob", "pmknob", STUB),
    # the in-kernel benchmark (tests/bench) runs: every round measured
    Case("bench", "bench", STUB + " el2r.iters=50"),
    # tracepoints: one record per CPU and one per round
    Case("trace", "trace", STUB, core=True),
    # RAM above 4 GiB: the EL2 tables reach high physical addresses
    Case("highmem", "highmem", STUB, mem=6144),
    # CPUs brought online after the load (maxcpus=2)
    Case("late-cpus", "latecpus", STUB + " maxcpus=2"),
    # el2reset-selftest, the tool el2reset-dkms ships for real machines,
    # with the oracle reading EL2 at each point it names (oracle-hook.sh);
    # KVM initialised but not holding EL2, so that its KVM step runs too
    Case("selftest", "selftest", "kvm.enable_virt_at_load=0",
         kernels=["6.12"], timeout=600),
    # el2reset-selftest without the oracle's hook, as on a real machine:
    # check-mutants runs it against every module mutant
    Case("selftest-plain", "selftest-plain", "", kernels=["6.1"]),
    # el2reset-selftest's own failure paths: exit codes, --report's fields,
    # --after-kexec on the boot --kexec started, on another, at EL1
    Case("selftest-paths", "selftest-paths",
         STUB + " el2reset_selftest.kexec=el2r-paths", kernels=["6.12"]),
    Case("selftest-after-el1", "selftest-el1",
         "el2reset_selftest.kexec=el2r-paths", virt=False, baseline=False,
         kernels=["6.12"]),
    # an exception at EL2 comes back as a report
    # ... a trap from EL1 (WFI under HCR_EL2.TWI) is a fault, not a call,
    # and a CPU whose install or teardown fails (test-only parameters)
    Case("el2-fault", "el2fault", STUB,
         allow=["el2reset: CPU1: EL2 took a synchronous exception",
                "el2reset: CPU2: EL2 took a synchronous exception",
                "el2reset: CPU2: install (load) failed: -5",
                "el2reset: CPU2: install (sysfs) failed: -5",
                "el2reset: CPU1: teardown (sysfs) failed: -5",
                "el2reset: CPU1: teardown (unload) failed: -5",
                "el2reset: CPU1: teardown (load) failed: -5",
                "el2reset: CPU1: teardown (payload) failed: -5",
                "el2reset: unloaded with EL2 not handed back",
                "el2reset: load failed with EL2 not handed back"]),
]

# Payloads (Documentation/payloads.rst): the example tracer and the
# tests' probe at EL2, every teardown with one running; then kexec, kdump
# and reboot with the tracer running (el2r.payload=1)
PAYLOAD_FAULTS = ["el2reset: CPU1: payload plprobe took an exception",
                  "el2reset: CPU2: payload plprobe took an exception",
                  "el2reset: CPU3: payload plprobe took an exception",
                  "el2reset: CPU0: payload plprobe took an exception",
                  "el2reset: CPU0: install (sysfs) failed: -14",
                  "el2reset: payload collide",
                  "el2reset: payload bad-",
                  "el2r_plprobe: answer"]
PAYLOADS = [
    Case("payload", "payload", STUB, kernels=["6.12", "7.3"], timeout=400,
         allow=PAYLOAD_FAULTS, core=True),
    Case("payload-kexec", "kexec", STUB + " el2r.kexecs=1 el2r.payload=1",
         image=True, mem=2048, boots=2, timeout=400, kernels=["7.3"],
         core=True),
    Case("payload-kdump", "kdump", STUB + " crashkernel=256M el2r.payload=1",
         image=True, mem=2048, boots=2, timeout=400,
         crash_marker="EL2R-CRASHING", kernels=["6.12"], core=True),
    # KVM takes EL2 from under it, it registers while KVM holds every CPU
    Case("payload-kvm", "kvmpayload", "kvm.enable_virt_at_load=0",
         kernels=["6.12"], timeout=400, core=True),
    Case("payload-reboot", "reboot", STUB + " el2r.how=reboot el2r.payload=1",
         end="reboot: Restarting system", kernels=["6.12"], core=True,
         console=["el2reset: restart: " + DOWN]),
]

# make bench-payload: the example payload's cost on a context-switch-heavy
# workload, with and without it in one boot (ratios printed, not asserted)
PLBENCH = [
    Case("payload-bench", "plbench", STUB, kernels=["6.12", "7.3"],
         timeout=900, core=True),
]

# What real machines vary in (on trixie's kernel): another core, more CPUs
VARIETY = [
    Case("owner-a72", "owner", STUB + " el2r.expect=load", cpu="cortex-a72",
         kernels=["6.12"]),
    Case("owner-smp8", "owner", STUB + " el2r.expect=load", smp=8,
         kernels=["6.12"]),
    # 32 vCPUs time-sliced on the host's cores: a loaded host makes the
    # guest's RCU stall detector and soft-lockup watchdog fire during boot
    # (seen while another job ran), an emulation artefact: both are off
    # Only in make check-full: 39 s alone, but with another qemu beside it
    # on 2 host cores it crawled (127 s, 298 s, once > 6 min): not for CI
    Case("owner-smp32", "owner", STUB + " el2r.expect=load nowatchdog "
         "rcupdate.rcu_cpu_stall_suppress=1", smp=32, mem=2048, timeout=600,
         kernels=["6.12"], full_only=True),
]

# CPUs with the features a 2026 machine has: -M virt,mte=on -cpu max
# (FEAT_MTE2, PAuth, BTI, SVE), nVHE through id_aa64mmfr1.vh=0. 7.2+
# kernels run their stub with HCR_EL2.ATA there.
FEATURES = [
    Case("mte", "mte", "id_aa64mmfr1.vh=0 " + STUB, cpu="max",
         machine="mte=on", kernels=["7.3"], timeout=400,
         core=True),
    # the VHE machine's way in: VHE, then kexec into nVHE with the stub;
    # the second kernel's baseline is whatever the VHE kernel left
    Case("vhe-kexec", "vhein", "", cpu="max", machine="mte=on", image=True,
         mem=2048, boots=2, timeout=400, kernels=["7.3"], baseline=False),
    # 7.x's HVC_GET_ICH_VTR_EL2 answered as the stub does; a trapped WFI
    # and an IRQ taken to EL2 change no register (sentinels in x0-x30)
    Case("el1-regs", "el1regs", STUB, kernels=["7.3"], core=True,
         allow=["el2reset: CPU2: EL2 took a synchronous exception",
                "el2reset: CPU3: EL2 took an IRQ from EL1"]),
]

# make check-newqemu: what only a newer QEMU than the host's 7.2 models
# (EL2R_QEMU=scripts/qemu-root with a trixie-backports root: QEMU 11.1.3).
# -cpu max there has FEAT_TCR2 and FEAT_S1PIE; id_aa64mmfr1.vh=0 keeps the
# kernel out of EL2 (nVHE).
NEWQEMU = [
    Case("tcr2-left", "tcr2", "id_aa64mmfr1.vh=0 " + STUB, cpu="max",
         kernels=["6.1", "7.3"]),
]

# make soak: long runs, not in CI.
SOAK = [
    # 100 kernels x 5 assertions, then 3 in the 101st
    Case("soak-kexec100", "kexec", STUB + " el2r.kexecs=100", image=True,
         mem=2048, boots=101, timeout=7200, kernels=["6.1"]),
    Case("soak-race1000", "race", STUB + " el2r.cycles=1000 el2r.writes=2000",
         mttcg=True,
         timeout=3600, kernels=["6.1"]),
    Case("soak-reload100", "reload", STUB + " el2r.cycles=100",
         timeout=1800, kernels=["6.1"]),
]

# make check-kvmhotplug: a VM after every CPU went offline and online
# under an initialised KVM that leaves EL2 to the stub, without el2reset
# (el2r.load=0) and with it resident through the hotplug and reloaded
# (el2r.load=1). A reproducer of a KVM bug, not CI (Documentation/design.rst
# "Known limits"): a CPU can wedge at EL2 and the run time out.
KVMHOTPLUG = [
    # the control: no hotplug, VMs run on every CPU (about 3 min)
    Case("kvm-hotplug-none", "kvmhotplug",
         "kvm.enable_virt_at_load=0 el2r.load=0 el2r.cycles=0",
         kernels=["6.12"], timeout=400, core=True),
    # 3 offline/online cycles per CPU: CPU0 wedges at EL2 at its VM's
    # first guest entry (the run then ends at its timeout)
    Case("kvm-hotplug-bare", "kvmhotplug",
         "kvm.enable_virt_at_load=0 el2r.load=0", kernels=["6.12"],
         timeout=400, core=True),
    Case("kvm-hotplug-el2reset", "kvmhotplug",
         "kvm.enable_virt_at_load=0 el2r.load=1", kernels=["6.12"],
         timeout=400, core=True),
]

# default (make check) and full (make check-full): the same cases, on the
# kernels kernels.conf's check and set columns say
SUITES = {"default": MATRIX + RESIDENT + EVENTS + KVM + PAYLOADS + VARIETY +
          FEATURES,
          "full": MATRIX + RESIDENT + EVENTS + KVM + PAYLOADS + VARIETY +
          FEATURES,
          "demo": DEMO,
          "newqemu": NEWQEMU,
          "plbench": PLBENCH,
          "soak": SOAK,
          "kvmhotplug": KVMHOTPLUG}


# CPU rows (--row): the suite's cases on a CPU with the features a 2026
# machine has. A case that names its own CPU keeps it and its command line;
# the others get the row's CPU and append (nVHE on a VHE-capable CPU).
ROWS = {
    # FEAT_MTE2, PAuth, BTI, SVE on the host's QEMU; with QEMU 11.1.3
    # (make check-newqemu) also S1PIE/POE, GCS, SME, FGT, FEAT_ExS
    "max-mte": {"cpu": "max", "machine": "mte=on",
                "append": "id_aa64mmfr1.vh=0"},
}
