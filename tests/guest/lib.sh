# SPDX-License-Identifier: GPL-2.0
# Helpers for the guest test scripts (busybox sh). Every assertion prints one
# "EL2R-TAP: ok|not ok - description" line; the host runner counts them.

S=/sys/kernel/el2reset
KO=/lib/el2reset.ko

ok() { echo "EL2R-TAP: ok - $*"; }
not_ok() { echo "EL2R-TAP: not ok - $*"; }

# check DESCRIPTION COMMAND...: one assertion on an exit code
check() {
	d=$1
	shift
	if "$@"; then ok "$d"; else not_ok "$d"; fi
}

# equal DESCRIPTION GOT WANT
equal() {
	if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1 (got '$2', want '$3')"; fi
}

# arg NAME: value of NAME= on the kernel command line
arg() {
	for w in $(cat /proc/cmdline); do
		case "$w" in "$1="*) echo "${w#*=}"; return 0 ;; esac
	done
	return 1
}

# oracle REQUEST: ask the host to read EL2 registers of every vCPU through
# QEMU's gdbstub; the host checks them and answers on the console.
oracle() {
	echo "EL2R-ORACLE: $*"
	read -r reply
	echo "oracle: $reply"
}

# The kernel printed no oops, BUG or warning, and the only taint is the
# one loading an out-of-tree (O, 4096), unsigned (E, 8192) module causes.
dmesg_clean() {
	if dmesg | grep -E 'Oops|BUG:|WARNING:|Internal error|Call trace:|Unable to handle'; then
		return 1
	fi
	[ $(( $(cat /proc/sys/kernel/tainted) & ~(4096 | 8192) )) = 0 ]
}

# strerror NAME: the text busybox prints for an errno
strerror() {
	case "$1" in
	ENODEV) echo "No such device" ;;
	EOPNOTSUPP) echo "Operation not supported" ;;
	EPERM) echo "Operation not permitted" ;;
	EBUSY) echo "Device or resource busy" ;;
	EXDEV) echo "Invalid cross-device link" ;;
	ENXIO) echo "No such device or address" ;;
	EINVAL) echo "Invalid argument" ;;
	*) echo "?" ;;
	esac
}

# owners: how many online CPUs have each owner, e.g. "el2reset:4"
owners() {
	for c in $S/cpu*; do
		n=${c##*/cpu}
		[ "$(cat /sys/devices/system/cpu/cpu$n/online 2>/dev/null || echo 1)" = 1 ] || continue
		cat "$c/owner"
	done | sort | uniq -c | awk '{printf "%s%s:%s", sep, $2, $1; sep=","}'
}

# dmesg_has TEXT: the kernel log holds TEXT
dmesg_has() {
	dmesg | grep -qF -- "$1"
}

# all_cpus FILE: the value of cpuN/FILE for every online CPU, one per line
all_cpus() {
	for c in $S/cpu*; do
		n=${c##*/cpu}
		[ "$(cat /sys/devices/system/cpu/cpu$n/online 2>/dev/null || echo 1)" = 1 ] || continue
		cat "$c/$1"
	done
}

# every_cpu DESCRIPTION FILE TEST: TEST (a shell expression on $v) holds for
# cpuN/FILE of every online CPU
every_cpu() {
	bad=""
	for c in $S/cpu*; do
		n=${c##*/cpu}
		[ "$(cat /sys/devices/system/cpu/cpu$n/online 2>/dev/null || echo 1)" = 1 ] || continue
		v=$(cat "$c/$2")
		eval "$3" || bad="$bad cpu$n=$v"
	done
	if [ -z "$bad" ]; then ok "$1"; else not_ok "$1 --$bad"; fi
}

# resident_ok WHAT: every online CPU has el2reset at EL2 with its MMU on
resident_ok() {
	equal "$1: every CPU answers as el2reset" "$(owners)" "el2reset:$(nproc)"
	every_cpu "$1: SCTLR_EL2.M and .C set" sctlr_el2 '[ $(( v & 5 )) = 5 ]'
	every_cpu "$1: VBAR_EL2 is the idmap page, not the stub" vbar_el2 \
		"[ \"\$v\" != \"$(cat $S/stub_vectors)\" -a \"\$v\" != - ]"
	every_cpu "$1: TTBR0_EL2 points at el2reset's tables" ttbr0_el2 '[ "$v" != 0x0 -a "$v" != - ]'
}

# stub_ok WHAT: every online CPU answers an unknown call like the stub
stub_ok() {
	equal "$1: every CPU answers HVC_STUB_ERR (the stub)" "$(owners)" "stub:$(nproc)"
}

# kexec_into NEXT_CMDLINE: load this kernel's own Image with this root file
# system (re-packed as the next initramfs) and boot it with kexec_load.
kexec_into() {
	(cd / && find . -xdev | cpio -o -H newc 2>/dev/null) > /tmp/self.cpio
	kexec -l /boot/Image --initrd=/tmp/self.cpio --append="$1"
	equal "kexec -l of the next kernel" "$?" 0
	echo "EL2R-KEXEC: $1"
	kexec -e
	not_ok "kexec -e returned"
}

# el2_boot_ok WHAT: this kernel started at EL2 on every CPU
el2_boot_ok() {
	check "$1: all CPUs started at EL2" dmesg_has "CPU: All CPU(s) started at EL2"
}

# kvm_ok WHAT: KVM initialised in this kernel (so EL2 was clean)
kvm_ok() {
	check "$1: KVM initialised" sh -c "dmesg | grep -q 'kvm \[1\]: .*mode initialized successfully'"
}

# reload_cycles N: N insmod/rmmod cycles, resident on every CPU each time;
# one assertion
reload_cycles() {
	fails=0
	i=0
	while [ $i -lt "$1" ]; do
		finsmod $KO >/dev/null || fails=$((fails + 1))
		[ "$(owners)" = "el2reset:$(nproc)" ] || fails=$((fails + 1))
		rmmod el2reset || fails=$((fails + 1))
		i=$((i + 1))
	done
	equal "$1 insmod/rmmod cycles, resident each time" "$fails" 0
}
