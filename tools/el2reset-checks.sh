# SPDX-License-Identifier: GPL-2.0
# el2reset-checks.sh - the checks el2reset-selftest(8) runs on a real machine
# and the emulated test machines run under the gdbstub oracle
# (tests/guest/lib.sh sources this file). One source for both: what the
# module promises (README.md, Documentation/interfaces.rst) read from
# sysfs, debugfs and the kernel log, with no debugger.
#
# POSIX sh: runs under dash (Debian's /bin/sh) and busybox ash. Sourced,
# not executed; installed by el2reset-dkms as
# /usr/share/el2reset/el2reset-checks.sh.
#
# Output: one KTAP result line per assertion, "ok N desc" or "not ok N desc"
# ("ok N desc # SKIP why" for a check that cannot run here). The caller may
# set KTAP_PREFIX (put before every result line) and KTAP_SEP (between the
# number and the description, default " ") before sourcing this file; the
# emulated harness uses "EL2R-TAP: " and " - ".

S=/sys/kernel/el2reset
# counters, EL2 registers, the benchmark (debug information, not ABI)
DBG=/sys/kernel/debug/el2reset
: "${KTAP_PREFIX=}" "${KTAP_SEP= }"
# KTAP_FD: where result lines go (default standard output; the emulated
# bench's scripts set their channel to the host)
TAPN=0
KTAP_PASS=0
KTAP_FAIL=0
KTAP_SKIP=0

ok() {
	TAPN=$((TAPN + 1))
	KTAP_PASS=$((KTAP_PASS + 1))
	echo "${KTAP_PREFIX}ok $TAPN$KTAP_SEP$*" >&"${KTAP_FD:-1}"
}

not_ok() {
	TAPN=$((TAPN + 1))
	KTAP_FAIL=$((KTAP_FAIL + 1))
	echo "${KTAP_PREFIX}not ok $TAPN$KTAP_SEP$*" >&"${KTAP_FD:-1}"
}

# skip DESCRIPTION WHY: a check that cannot run on this machine
skip() {
	TAPN=$((TAPN + 1))
	KTAP_SKIP=$((KTAP_SKIP + 1))
	echo "${KTAP_PREFIX}ok $TAPN$KTAP_SEP$1 # SKIP $2" >&"${KTAP_FD:-1}"
}

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

# cpu_online N: CPU N is online (CPUs without an "online" file cannot go
# offline, so they are)
cpu_online() {
	[ "$(cat /sys/devices/system/cpu/cpu$1/online 2>/dev/null || echo 1)" = 1 ]
}

# online_cpus: the numbers of the online CPUs, one per line
online_cpus() {
	for c in /sys/devices/system/cpu/cpu[0-9]*; do
		n=${c##*/cpu}
		cpu_online "$n" && echo "$n"
	done | sort -n
}

# kernel_code_end: the end of "Kernel code" in /proc/iomem, hex without 0x:
# the physical address of __init_begin - 1 on every kernel (where the range
# starts moved from _stext to _text in 6.x); zeros when read without root
kernel_code_end() {
	sed -n 's/^ *[0-9a-f]*-\([0-9a-f]*\) : Kernel code$/\1/p' /proc/iomem | head -n 1
}

# stub_pa: the physical address of __hyp_stub_vectors, from the kernel's own
# records: its distance below __init_begin in /proc/kallsyms, and
# kernel_code_end; empty where either is hidden. The low 48 bits of the two
# virtual addresses: the shell's arithmetic is signed 64-bit
stub_pa() {
	set -- $(awk '$3 == "__hyp_stub_vectors" { v = $1 } $3 == "__init_begin" { e = $1 }
		END { print v, e }' /proc/kallsyms)
	end=$(kernel_code_end)
	[ $# = 2 ] && [ "${#1}" = 16 ] && [ "${#2}" = 16 ] || return 0
	# zeros: kallsyms under kptr_restrict, /proc/iomem read without root
	case "$1" in *[1-9a-f]*) ;; *) return 0 ;; esac
	case "$end" in *[1-9a-f]*) ;; *) return 0 ;; esac
	printf '%#x\n' $((0x$end + 1 - (0x${2#????} - 0x${1#????})))
}

# boot_log: the kernel's log since boot (dmesg; the journal's copy when the
# ring buffer no longer holds the boot)
boot_log() {
	if dmesg 2>/dev/null | grep -q 'Booting Linux on physical CPU' ||
		! command -v journalctl >/dev/null 2>&1; then
		dmesg
	else
		journalctl -k -b -q -o cat 2>/dev/null || dmesg
	fi
}

# The kernel printed no oops, BUG or warning, and the only taint is the
# one loading an out-of-tree (O, 4096), unsigned (E, 8192) module causes.
# With EL2R_KLOG_FROM set (a line the caller wrote to /dev/kmsg), only the
# kernel log after it is read, and EL2R_TAINT0 is the taint before it.
# known_bugs_out: the log without the reports of bugs in a test kernel
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

# klog: the kernel log this run judges (all of it, or after EL2R_KLOG_FROM)
klog() {
	if [ -n "${EL2R_KLOG_FROM:-}" ]; then
		dmesg | awk -v m="$EL2R_KLOG_FROM" 'seen { print } index($0, m) { seen = 1 }'
	else
		dmesg
	fi
}

dmesg_clean() {
	if klog | known_bugs_out | grep -E 'Oops|BUG:|WARNING:|Internal error|Call trace:|Unable to handle'; then
		return 1
	fi
	[ $(( ($(cat /proc/sys/kernel/tainted) & ~${EL2R_TAINT0:-0}) & ~(4096 | 8192) )) = 0 ]
}

# el2reset_log_clean: el2reset reported no failed install or teardown, no
# EL2 exception and no unload with EL2 not handed back (the lines
# tests/checks.py's BAD_RE looks for on the emulated consoles)
el2reset_log_clean() {
	! klog | grep -E 'el2reset: (CPU[0-9]+: [a-z]+ \([a-z]+\) failed|CPU[0-9]+: EL2 took|.*teardown FAILED|unloaded with EL2 not handed back)'
}

# strerror NAME: the text glibc (and busybox) print for an errno
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

# errno_of TEXT: the errno name whose strerror() text ends TEXT, or "?"
errno_of() {
	for e in ENODEV EOPNOTSUPP EPERM EBUSY EXDEV ENXIO EPROTONOSUPPORT EINVAL; do
		case "$1" in *": $(strerror $e)"*) echo $e; return ;; esac
	done
	echo "?"
}

# cmdline_val NAME: the last value of NAME= on the kernel command line
cmdline_val() {
	for w in $(cat /proc/cmdline); do
		case "$w" in "$1="*) echo "${w#*=}" ;; esac
	done | tail -n 1
}

# expected_verdict: what el2reset's load must do on this kernel as booted,
# from what the kernel itself reports (its boot log, command line and KVM's
# parameters), never from el2reset: "load", or the errno of the refusal
# (README.md, "Loading, and every refusal"), or "unknown" when the boot log
# is gone. The module decides from __boot_cpu_mode and its own probes; the
# two must agree.
expected_verdict() {
	log=$(boot_log)
	if echo "$log" | grep -q 'CPU features: detected: Virtualization Host Extensions'; then
		echo EOPNOTSUPP		# the kernel runs at EL2 (VHE)
	elif [ "$(cmdline_val kvm-arm.mode)" = protected ]; then
		echo EPERM		# pKVM
	elif echo "$log" | grep -q 'CPU: CPUs started in inconsistent modes'; then
		echo EXDEV
	elif echo "$log" | grep -q 'CPU: All CPU(s) started at EL1'; then
		echo ENODEV
	elif ! echo "$log" | grep -q 'CPU: All CPU(s) started at EL2'; then
		echo unknown
	elif [ "$(cmdline_val arm64_sw.hvhe)" = 1 ] &&
		[ "$(cmdline_val kvm-arm.mode)" != none ] &&
		! echo "$log" | grep -q 'kvm \[1\]: .*nVHE mode initialized'; then
		echo EPROTONOSUPPORT	# hVHE
	elif kvm_holds_el2; then
		echo EBUSY
	else
		echo load
	fi
}

# kvm_holds_el2: KVM initialised and took EL2 at load (6.12+ default)
kvm_holds_el2() {
	boot_log | grep -q 'kvm \[1\]: .*mode initialized successfully' &&
		[ "$(cat /sys/module/kvm/parameters/enable_virt_at_load 2>/dev/null)" = Y ]
}

# owners: how many online CPUs have each owner, e.g. "el2reset:4"
owners() {
	for c in $S/cpu*; do
		n=${c##*/cpu}
		cpu_online "$n" || continue
		cat "$c/owner"
	done | sort | uniq -c | awk '{printf "%s%s:%s", sep, $2, $1; sep=","}'
}

# dmesg_has TEXT: the kernel log holds TEXT
dmesg_has() {
	dmesg 2>/dev/null | grep -qF -- "$1"
}

# every_cpu DESCRIPTION FILE TEST: TEST (a shell expression on $v) holds for
# cpuN/FILE of every online CPU (sysfs's cpuN/owner, else debugfs's cpuN/)
every_cpu() {
	bad=""
	seen=0
	for c in $S/cpu*; do
		n=${c##*/cpu}
		cpu_online "$n" || continue
		f=$c/$2
		[ -e "$f" ] || f=$DBG/cpu$n/$2
		v=$(cat "$f")
		seen=$((seen + 1))
		eval "$3" || bad="$bad cpu$n=$v"
	done
	[ "$seen" -gt 0 ] || bad=" no online CPU in $S"
	if [ -z "$bad" ]; then ok "$1"; else not_ok "$1 --$bad"; fi
}

# resident_ok WHAT: every online CPU has el2reset at EL2 with its MMU on:
# the owner probe, then EL2's own read-back of its registers (debugfs;
# self-reported: the module reads them at EL2 and says what it read)
resident_ok() {
	equal "$1: every CPU answers as el2reset" "$(owners)" "el2reset:$(nproc)"
	# a CPU el2reset does not call reads "-": not a number for $(( ))
	every_cpu "$1: SCTLR_EL2.M and .C set (self-reported)" sctlr_el2 \
		'case "$v" in 0x*) [ $(( v & 5 )) = 5 ] ;; *) false ;; esac'
	every_cpu "$1: VBAR_EL2 is the idmap page, not the stub (self-reported)" vbar_el2 \
		"[ \"\$v\" != \"$(cat $S/stub_vectors)\" -a \"\$v\" != - ]"
	every_cpu "$1: TTBR0_EL2 points at el2reset's tables (self-reported)" ttbr0_el2 '[ "$v" != 0x0 -a "$v" != - ]'
}

# stub_ok WHAT: every online CPU answers an unknown call like the stub
stub_ok() {
	equal "$1: every CPU answers HVC_STUB_ERR (the stub)" "$(owners)" "stub:$(nproc)"
}

# counter_sum FILE: FILE (under debugfs cpuN/) summed over every CPU
counter_sum() {
	t=0
	for c in $DBG/cpu[0-9]*; do
		t=$((t + $(cat "$c/$1" 2>/dev/null || echo 0)))
	done
	echo $t
}

# el2_boot_ok WHAT: this kernel started at EL2 on every CPU
el2_boot_ok() {
	check "$1: all CPUs started at EL2" dmesg_has "CPU: All CPU(s) started at EL2"
}

# kvm_ok WHAT: KVM initialised in this kernel (so EL2 was clean)
kvm_ok() {
	check "$1: KVM initialised" sh -c "dmesg | grep -q 'kvm \[1\]: .*mode initialized successfully'"
}
