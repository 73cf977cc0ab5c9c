# SPDX-License-Identifier: GPL-2.0
# Helpers for the guest test scripts (busybox sh). Every assertion prints one
# numbered "EL2R-TAP: ok|not ok N - description" line and each kernel ends
# with "EL2R-PLAN: 1..N" (tap_plan); the host runner checks that it read
# every line. The protocol: Documentation/test-harness.rst.

S=/sys/kernel/el2reset
# counters, EL2 registers, the benchmark (debug information, not ABI)
DBG=/sys/kernel/debug/el2reset
KO=/lib/el2reset.ko
TAPN=0

ok() { TAPN=$((TAPN + 1)); echo "EL2R-TAP: ok $TAPN - $*"; }
not_ok() { TAPN=$((TAPN + 1)); echo "EL2R-TAP: not ok $TAPN - $*"; }

# tap_plan: the last line of this kernel's assertions (before it goes down)
tap_plan() { echo "EL2R-PLAN: 1..$TAPN"; }

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

# oracle REQUEST: ask the host to read EL2 of every vCPU through QEMU's
# gdbstub and judge it against what it knows from outside the module:
#   oracle handed|stub|resident|any [cpuN=STATE]... [break=ADDR [hit=STATE]
#          [then=kill]]
# The host answers on the console once it has read (or armed a breakpoint).
oracle() {
	echo "EL2R-ORACLE: $*"
	read -r reply
	echo "oracle: $reply"
}

# ksym NAME: the running kernel's address of NAME (its own /proc/kallsyms)
ksym() {
	awk -v n="$1" '$3 == n { print $1; exit }' /proc/kallsyms
}

# baseline: before el2reset ever loads in this boot, the host reads each
# vCPU's VBAR_EL2 (the stub) and checks it against the kernel's own records
# of __hyp_stub_vectors: its address in /proc/kallsyms relative to
# __init_begin, and the end of "Kernel code" in /proc/iomem (the physical
# address of __init_begin - 1 on every kernel; where it starts changed);
# _text, where kallsyms lists it, places the symbol in the Image file.
# With "loaded=1" (el2reset already loaded at boot) no VBAR_EL2 is read:
# the kernel's records and the Image alone give the stub address.
# CPUs the kernel never brought up (maxcpus=) are named in "offline=": their
# VBAR_EL2 is not read.
baseline() {
	code=$(sed -n 's/^ *[0-9a-f]*-\([0-9a-f]*\) : Kernel code$/\1/p' /proc/iomem)
	off=""
	for c in /sys/devices/system/cpu/cpu[0-9]*; do
		[ "$(cat $c/online 2>/dev/null || echo 1)" = 1 ] || off="$off${off:+,}${c##*/cpu}"
	done
	oracle "baseline init_begin=$(ksym __init_begin) stub_va=$(ksym __hyp_stub_vectors) kernel_code_end=$code stext=$(ksym _stext) text=$(ksym _text) offline=$off $*"
}

# The kernel printed no oops, BUG or warning, and the only taint is the
# one loading an out-of-tree (O, 4096), unsigned (E, 8192) module causes.
# known_bugs_out: dmesg without the reports of bugs in a test kernel
# itself (tests/checks.py KNOWN_BUGS, the same blocks): Debian 7.3's KVM
# cpu_set_hyp_vector() UBSAN report when a CPU comes online under KVM
known_bugs_out() {
	awk '/UBSAN: array-index-out-of-bounds in [^ ]*arch\/arm64\/kvm\/arm\.c:/ {
		inb = 1; buf = ""; hit = 0 }
	inb {	buf = buf $0 "\n"
		if (index($0, "cpu_set_hyp_vector+")) hit = 1
		if (index($0, "---[ end trace")) {
			inb = 0
			if (!hit) printf "%s", buf
		}
		next }
	{ print }
	END { if (inb && !hit) printf "%s", buf }'
}

dmesg_clean() {
	if dmesg | known_bugs_out | grep -E 'Oops|BUG:|WARNING:|Internal error|Call trace:|Unable to handle'; then
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
	EPROTONOSUPPORT) echo "Protocol not supported" ;;
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

# every_cpu DESCRIPTION FILE TEST: TEST (a shell expression on $v) holds for
# cpuN/FILE of every online CPU (sysfs's cpuN/owner, else debugfs's cpuN/)
every_cpu() {
	bad=""
	seen=0
	for c in $S/cpu*; do
		n=${c##*/cpu}
		[ "$(cat /sys/devices/system/cpu/cpu$n/online 2>/dev/null || echo 1)" = 1 ] || continue
		f=$c/$2
		[ -e "$f" ] || f=$DBG/cpu$n/$2
		v=$(cat "$f")
		seen=$((seen + 1))
		eval "$3" || bad="$bad cpu$n=$v"
	done
	[ "$seen" -gt 0 ] || bad=" no online CPU in $S"
	if [ -z "$bad" ]; then ok "$1"; else not_ok "$1 --$bad"; fi
}

# resident_ok WHAT: every online CPU has el2reset at EL2 with its MMU on
resident_ok() {
	equal "$1: every CPU answers as el2reset" "$(owners)" "el2reset:$(nproc)"
	# "-" (not resident there) is a failure, never an arithmetic error
	# that would end the script
	every_cpu "$1: SCTLR_EL2.M and .C set" sctlr_el2 '[ "$v" != - ] && [ $(( v & 5 )) = 5 ]'
	every_cpu "$1: VBAR_EL2 is the idmap page, not the stub" vbar_el2 \
		"[ \"\$v\" != \"$(cat $S/stub_vectors)\" -a \"\$v\" != - ]"
	every_cpu "$1: TTBR0_EL2 points at el2reset's tables" ttbr0_el2 '[ "$v" != 0x0 -a "$v" != - ]'
}

# stub_ok WHAT: every online CPU answers an unknown call like the stub
stub_ok() {
	equal "$1: every CPU answers HVC_STUB_ERR (the stub)" "$(owners)" "stub:$(nproc)"
}

# kexec_into NEXT_CMDLINE [EXPECT]: load this kernel's own Image with this
# root file system (re-packed as the next initramfs) and boot it with
# kexec_load; with EXPECT, the oracle judges EL2 at machine_kexec().
kexec_into() {
	(cd / && find . -xdev | cpio -o -H newc 2>/dev/null) > /tmp/self.cpio
	kexec -l /boot/Image --initrd=/tmp/self.cpio --append="$1"
	equal "kexec -l of the next kernel" "$?" 0
	[ -z "$2" ] || oracle "$2 break=$(ksym machine_kexec)"
	tap_plan
	echo "EL2R-KEXEC: $1"
	kexec -e
	not_ok "kexec -e returned"
}

# el2_boot_ok WHAT: this kernel started at EL2 on every CPU
el2_boot_ok() {
	check "$1: all CPUs started at EL2" dmesg_has "CPU: All CPU(s) started at EL2"
}

# kvm_holds_el2: KVM initialised and took EL2 at load (6.12+ default)
kvm_holds_el2() {
	dmesg | grep -q 'kvm \[1\]: .*mode initialized successfully' &&
		[ "$(cat /sys/module/kvm/parameters/enable_virt_at_load 2>/dev/null)" = Y ]
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
