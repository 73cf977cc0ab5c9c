# SPDX-License-Identifier: GPL-2.0
"""Where things are, and how the harness builds what it boots: the module
for one kernel, the guest binaries, the initramfs, the DKMS source tree."""

import os
import shutil
import subprocess

from . import kernels

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
CACHE = kernels.CACHE
BUILD = os.path.join(ROOT, "build")
EL2_SECTION = ".el2reset.idmap.text"


def version():
    with open(os.path.join(ROOT, "VERSION")) as f:
        return f.read().strip()


def kernel_image(kernel):
    return os.path.join(CACHE, "kernels", kernel, "Image")


def dkms_src(dest):
    """"make dkms-src" into DESTDIR=dest (emptied first); returns the tree
    DKMS would build: dest/usr/src/el2reset-VERSION."""
    shutil.rmtree(dest, ignore_errors=True)
    subprocess.run(["make", "-s", "-C", ROOT, "dkms-src", "DESTDIR=" + dest],
                   check=True)
    return os.path.join(dest, "usr/src/el2reset-" + version())


def build_guest_bin():
    subprocess.run(["make", "-s", "-C", os.path.join(ROOT, "tests/guest-bin"),
                    "OUT=" + os.path.join(BUILD, "guest-bin")], check=True)


def build_module(kernel):
    out = subprocess.run([os.path.join(ROOT, "scripts/build"), kernel],
                         check=True, capture_output=True, text=True)
    return out.stdout.strip().splitlines()[-1]


def build_payloads(kernel, ko):
    """The example payload (examples/tvm-trace) and the tests' payload
    (tests/payload), built against @kernel's el2reset @ko (its header,
    the Module.symvers beside it); their .ko paths."""
    env = dict(os.environ, EL2R_BUILD_DIR=os.path.dirname(ko))
    return [subprocess.run([os.path.join(ROOT, "scripts/build"), kernel,
                            "--example", ex, "W=1"], check=True,
                           capture_output=True, text=True, env=env)
            .stdout.strip().splitlines()[-1] for ex in PAYLOADS]


PAYLOADS = ("examples/tvm-trace", "tests/payload")
# the guest scripts that load them (and cases with el2r.payload=1)
PAYLOAD_SCRIPTS = ("payload", "kvmpayload", "plbench", "el2fault")


def build_initramfs(kernel, ko, with_image=False, payloads=()):
    """with_image: True (the kernel Image, for kexec), "vmm" (the Image
    and a real VMM, tests/harness/mkinitramfs --with-vmm) or "kvmst"
    (upstream's KVM selftests, --with-kvm-selftests)."""
    name = {False: "initrd.cpio", True: "initrd-image.cpio",
            "vmm": "initrd-vmm.cpio",
            "kvmst": "initrd-kvmst.cpio"}[with_image]
    out = os.path.join(BUILD, kernel, name)
    cmd = [os.path.join(ROOT, "tests/harness/mkinitramfs"), out, kernel,
           "--module", ko]
    if payloads:
        cmd += ["--payload", " ".join(payloads)]
    if with_image:
        cmd.append({"vmm": "--with-vmm", "kvmst": "--with-kvm-selftests"}
                   .get(with_image, "--with-image"))
    subprocess.run(cmd, check=True)
    return out


class El2Code(bytes):
    """el2reset's EL2 code as linked; test_off: where its test calls start
    (the part module/image.c copies only for test_knobs=1); payload: the
    example payload's (payload_code())."""
    test_off = None
    payload = None


class PayloadCode(bytes):
    """A payload's EL2 code as linked; entries: {symbol: offset}."""
    entries = None


def payload_code(ko, section=".el2r_tvm.text", start="tvm_el2_start"):
    """The example payload's EL2 code as built into @ko, what el2reset must
    copy to EL2 unchanged, and its entry points' offsets (nm)."""
    out = ko + ".el2.bin"
    subprocess.run(["aarch64-linux-gnu-objcopy", "-O", "binary",
                    "--only-section=" + section, ko, out], check=True)
    with open(out, "rb") as f:
        code = PayloadCode(f.read())
    syms = subprocess.run(["aarch64-linux-gnu-nm", ko], check=True,
                          capture_output=True, text=True).stdout
    addr = {f[2]: int(f[0], 16) for f in (line.split()
            for line in syms.splitlines()) if len(f) == 3}
    if start not in addr or not code:
        raise ValueError("payload_code: no %s in %s" % (start, ko))
    code.entries = {s: a - addr[start] for s, a in addr.items()
                    if s.startswith("tvm_el2_")}
    return code


def el2_code(ko):
    """The bytes of el2reset's EL2 code as built into @ko (the section
    module/image.c copies into the idmap page), for the oracle, with the
    offset of __el2r_test_start. The code has no relocation left to the
    module loader: it is copied as linked."""
    out = ko + ".el2.bin"
    subprocess.run(["aarch64-linux-gnu-objcopy", "-O", "binary",
                    "--only-section=" + EL2_SECTION, ko, out], check=True)
    with open(out, "rb") as f:
        code = El2Code(f.read())
    rel = subprocess.run(["aarch64-linux-gnu-readelf", "-rW", ko],
                         check=True, capture_output=True, text=True).stdout
    if "'.rela" + EL2_SECTION + "'" in rel:
        raise ValueError("el2_code: the EL2 code has relocations: it would "
                         "not run as copied")
    syms = subprocess.run(["aarch64-linux-gnu-nm", ko], check=True,
                          capture_output=True, text=True).stdout
    for line in syms.splitlines():
        f = line.split()
        if len(f) == 3 and f[2] == "__el2r_test_start":
            code.test_off = int(f[0], 16)
    if code.test_off is None or code.test_off > len(code):
        raise ValueError("el2_code: no __el2r_test_start in " + ko)
    return code
