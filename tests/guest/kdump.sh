# SPDX-License-Identifier: GPL-2.0
# kdump with el2reset resident: panic runs no notifier, so the crashing CPU
# reaches the crash kernel through the resident code's HVC_SOFT_RESTART.
if arg el2r.crash >/dev/null; then
	check "this is the crash kernel" [ -e /proc/vmcore ]
	el2_boot_ok "crash kernel"
	kvm_ok "crash kernel"
	check "crash kernel: no oops" dmesg_clean
else
	finsmod $KO
	equal "insmod loads" "$?" 0
	resident_ok "before the crash"
	(cd / && find . -xdev | grep -v '^./boot/Image$' | cpio -o -H newc 2>/dev/null) > /tmp/crash.cpio
	next=""
	for w in $(cat /proc/cmdline); do
		case "$w" in
		crashkernel=*|kvm-arm.mode=none) ;;
		*) next="$next $w" ;;
		esac
	done
	kexec -p /boot/Image --initrd=/tmp/crash.cpio --append="$next el2r.crash=1"
	equal "kexec -p loads the crash kernel" "$?" 0
	equal "kexec_crash_loaded" "$(cat /sys/kernel/kexec_crash_loaded)" 1
	echo "EL2R-CRASHING"
	echo c > /proc/sysrq-trigger
	not_ok "sysrq-c returned"
fi
