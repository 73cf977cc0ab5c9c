# SPDX-License-Identifier: GPL-2.0
"""Where things are, and how the harness builds what it boots: the module
for one kernel, the guest binaries, the initramfs, the DKMS source tree."""

import os
import shutil
import subprocess

import kernels

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
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


def build_initramfs(kernel, ko, with_image=False):
    """with_image: True (the kernel Image, for kexec) or "vmm" (the Image
    and a real VMM, scripts/mkinitramfs --with-vmm)."""
    name = {False: "initrd.cpio.gz", True: "initrd-image.cpio.gz",
            "vmm": "initrd-vmm.cpio.gz"}[with_image]
    out = os.path.join(BUILD, kernel, name)
    cmd = [os.path.join(ROOT, "scripts/mkinitramfs"), out, kernel,
           "--module", ko]
    if with_image:
        cmd.append("--with-vmm" if with_image == "vmm" else "--with-image")
    subprocess.run(cmd, check=True)
    return out


def el2_code(ko):
    """The bytes of el2reset's EL2 code as built into @ko (the section
    module/el2.c copies into the idmap page), for the oracle. Its literal
    loads are left to the module loader (R_AARCH64_LD_PREL_LO19 against a
    label of the same section): resolved here the same way."""
    out = ko + ".el2.bin"
    subprocess.run(["aarch64-linux-gnu-objcopy", "-O", "binary",
                    "--only-section=" + EL2_SECTION, ko, out], check=True)
    with open(out, "rb") as f:
        code = bytearray(f.read())
    rel = subprocess.run(["aarch64-linux-gnu-readelf", "-rW", ko],
                         check=True, capture_output=True, text=True).stdout
    sect = rel.split("'.rela" + EL2_SECTION + "'", 1)
    for line in (sect[1].split("\n\n", 1)[0].splitlines()[2:]
                 if len(sect) == 2 else []):
        f = line.split()
        if len(f) < 7 or f[2] != "R_AARCH64_LD_PREL_LO19" or \
                not f[4].startswith("__el2r_"):
            raise ValueError("el2_code: unexpected relocation: " + line)
        off, target = int(f[0], 16), int(f[3], 16) + int(f[6], 16)
        insn = int.from_bytes(code[off:off + 4], "little")
        insn |= (((target - off) >> 2) & 0x7ffff) << 5
        code[off:off + 4] = insn.to_bytes(4, "little")
    return bytes(code)
