# SPDX-License-Identifier: GPL-2.0
# kdump with el2reset resident: panic runs no notifier, so the crashing CPU
# reaches the crash kernel through the resident code's HVC_SOFT_RESTART.
# The oracle stops the machine at the crash kernel's first instruction
# (at EL2, MMU off, its physical address): the crashing vCPU must have
# el2reset's regime torn down and the stub's vectors there. The other
# vCPUs were powered off by the crash IPI (PSCI CPU_OFF) with no teardown:
# what they hold is only reported; CPU_ON resets them in QEMU, as firmware
# does on hardware.
if arg el2r.crash >/dev/null; then
	plan 4
	check "this is the crash kernel" [ -e /proc/vmcore ]
	el2_boot_ok "crash kernel"
	kvm_ok "crash kernel"
	check "crash kernel: no oops" dmesg_clean
else
	plan 8
	finsmod $KO
	equal "insmod loads" "$?" 0
	with_payload
	resident_ok "before the crash"
	oracle resident
	(cd / && find . -xdev | grep -v '^./boot/Image$' | cpio -o -H newc 2>/dev/null) > /tmp/crash.cpio
	next=""
	for w in $(cat /proc/cmdline); do
		case "$w" in
		crashkernel=*|kvm-arm.mode=none) ;;
		*) next="$next $w" ;;
		esac
	done
	kexec $(kexec_nodigest) -p /boot/Image --initrd=/tmp/crash.cpio --append="$next el2r.crash=1"
	equal "kexec -p loads the crash kernel" "$?" 0
	equal "kexec_crash_loaded" "$(cat /sys/kernel/kexec_crash_loaded)" 1
	# kexec-tools (arm64) puts the Image at the first 2 MiB boundary of
	# the crash region; its entry is the Image's first instruction. A
	# wrong guess is a breakpoint never hit, which fails.
	cs=$(sed -n 's/^ *\([0-9a-f]*\)-[0-9a-f]* : Crash kernel$/\1/p' /proc/iomem)
	check "/proc/iomem has the crash kernel region ($cs)" [ -n "$cs" ]
	entry=$(printf '%x' $(( (0x$cs + 0x1fffff) & ~0x1fffff )))
	oracle "any break=$entry hit=handed"
	to_host_last "EL2R-CRASHING"
	echo c > /proc/sysrq-trigger
	echo "sysrq-c returned"
fi
