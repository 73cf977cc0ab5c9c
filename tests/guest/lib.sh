# SPDX-License-Identifier: GPL-2.0
# Helpers for the guest test scripts (busybox sh). Each script declares its
# plan before its first assertion ("EL2R-PLAN: 1..N", plan), every
# assertion prints one numbered "EL2R-TAP: ok|not ok N - description" line;
# the host runner checks that each kernel printed exactly 1..N. The
# protocol: Documentation/test-harness.rst.
#
# The checks a real machine runs too (ok/check/equal, owners, every_cpu,
# resident_ok, stub_ok, dmesg_clean, the expected owner verdict...) are
# el2reset-selftest's: tools/el2reset-checks.sh, copied beside this file
# (EL2R_LIBDIR, default /tests). What is added here is the emulated
# machine's: the oracle, the guest's own module file, kexec of the initramfs.

KTAP_PREFIX="EL2R-TAP: "
KTAP_SEP=" - "
. "${EL2R_LIBDIR:-/tests}/el2reset-checks.sh"
KO=/lib/el2reset.ko

# plan N: this kernel's script makes N assertions, declared before the
# first (KTAP's "1..N"): a branch skipped, a loop cut short or a kernel that
# went down early fails on the host, whose only count is this one
plan() { to_host "EL2R-PLAN: 1..$1"; }

# end_unloaded [REQUEST]: the ending most scripts share: el2reset unloaded
# (an assertion), EL2 read from outside (REQUEST, default "handed": the
# stub's vectors and state back on every CPU), and no oops, BUG, WARNING
# or foreign taint in dmesg (an assertion). init then powers off.
end_unloaded() {
	rmmod el2reset
	equal "rmmod works" "$?" 0
	oracle "${1:-handed}"
	check "no oops, BUG, WARNING or foreign taint" dmesg_clean
}

# The payloads (examples/tvm-trace, tests/payload), beside the module
TVM_KO=/lib/el2r_tvm_trace.ko
PP_KO=/lib/el2r_plprobe.ko
TVM=/sys/kernel/debug/el2r_tvm_trace
PP=/sys/kernel/debug/el2r_plprobe

# with_payload: with el2r.payload=1 on the command line, the example
# payload joins el2reset just loaded, and the oracle sees it run at EL2 on
# every vCPU (its result is the assertion: no plan changes)
with_payload() {
	arg el2r.payload > /dev/null || return 0
	insmod $TVM_KO
	oracle payload running
}

# vm_hold SECONDS LOG: start kvmclient in the background with its VM held
# alive for up to SECONDS after its first exit (vm_pid); wait for that
vm_hold() {
	kvmclient -w "$1" > "$2" 2>&1 &
	vm_pid=$!
	i=0
	while ! grep -q "kvmclient: holding" "$2" && [ $i -lt 120 ]; do
		grep -q "kvmclient: FAIL" "$2" && break
		sleep 1
		i=$((i + 1))
	done
	cat "$2"
}

# arg NAME: value of NAME= on the kernel command line
arg() {
	for w in $(cat /proc/cmdline); do
		case "$w" in "$1="*) echo "${w#*=}"; return 0 ;; esac
	done
	return 1
}

# The channel (tests/harness/qemu.py): el2r.channel=ttyS0 names the serial
# line the host listens on, apart from the console and its kernel
# messages. The protocol's lines (plan, results, oracle requests, markers)
# go out on fd 8, the host's answers come back on fd 9 (high numbers: the
# scripts use 3 and up for their own files). Opened once,
# read-write and raw: the 8250 driver empties the UART's FIFO whenever the
# line is opened, so an answer must never find it closed. Without one
# (a script run by hand) both are the console.
if ch=$(arg el2r.channel) && [ -c "/dev/$ch" ]; then
	stty -F "/dev/$ch" raw -echo
	exec 8<>"/dev/$ch" 9<&8
	EL2R_ACKED=1
else
	exec 8>&1 9<&0
	EL2R_ACKED=""
fi
KTAP_FD=8
# to_host LINE: one line of the protocol to the host
to_host() { echo "$*" >&8; }

# to_host_last LINE: the last line before the machine goes down (a crash,
# a kexec, power-off): the UART sends it from its interrupt, after write()
# returned, so the host answers it and this waits for that answer; the line
# is then on the host before the panic or the next kernel
to_host_last() {
	to_host "$*"
	[ -z "$EL2R_ACKED" ] || read -r _ack <&9
}

# oracle REQUEST: ask the host to read EL2 of every vCPU through QEMU's
# gdbstub and judge it against what it knows from outside the module:
#   oracle handed|stub|resident|kvm|any [cpuN=STATE]... [break=ADDR [hit=STATE]
#          [then=kill]]
# The host answers on the console once it has read (or armed a breakpoint).
oracle() {
	to_host "EL2R-ORACLE: $*"
	read -r reply <&9
	echo "oracle: $reply"
}

# ksym NAME: the running kernel's address of NAME (its own /proc/kallsyms)
ksym() {
	awk -v n="$1" '$3 == n { print $1; exit }' /proc/kallsyms
}

# ksyms KEY=SYM...: "KEY=ADDR " for each, in one pass over /proc/kallsyms
# (the kernel formats every symbol for each read: about 0.4 s of TCG a
# pass); ADDR empty where kallsyms lacks SYM
ksyms() {
	awk -v want="$*" '
	BEGIN {
		n = split(want, w)
		for (i = 1; i <= n; i++) {
			split(w[i], kv, "="); key[i] = kv[1]; sym[i] = kv[2]
			idx[kv[2]] = i
		}
	}
	($3 in idx) && !($3 in got) { got[$3] = $1; if (++found == n) exit }
	END { for (i = 1; i <= n; i++) printf "%s=%s ", key[i], got[sym[i]] }
	' /proc/kallsyms
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
	code=$(kernel_code_end)
	off=""
	for c in /sys/devices/system/cpu/cpu[0-9]*; do
		[ "$(cat $c/online 2>/dev/null || echo 1)" = 1 ] || off="$off${off:+,}${c##*/cpu}"
	done
	oracle "baseline $(ksyms init_begin=__init_begin stub_va=__hyp_stub_vectors stext=_stext text=_text)kernel_code_end=$code offline=$off $*"
}

# kexec_nodigest: "-i" for kexec unless the command line has
# el2r.kexec_digest=1. kexec-tools' purgatory computes the SHA-256 of every
# segment it loaded (at EL2, MMU off) before it jumps to the next kernel:
# about 20 s of TCG per kexec. -i skips that loop only: the same hand-over
# at machine_kexec(), the same purgatory at EL2, the same jump. One case
# (kexec-handover) keeps the digest, as a user's plain "kexec -l" runs.
kexec_nodigest() {
	arg el2r.kexec_digest >/dev/null || echo -i
}

# kexec_into NEXT_CMDLINE [EXPECT]: load this kernel's own Image with this
# root file system (re-packed as the next initramfs) and boot it with
# kexec_load; with EXPECT, the oracle judges EL2 at machine_kexec().
kexec_into() {
	(cd / && find . -xdev | cpio -o -H newc 2>/dev/null) > /tmp/self.cpio
	kexec $(kexec_nodigest) -l /boot/Image --initrd=/tmp/self.cpio --append="$1"
	equal "kexec -l of the next kernel" "$?" 0
	[ -z "$2" ] || oracle "$2 break=$(ksym machine_kexec)"
	to_host_last "EL2R-KEXEC: $1"
	kexec -e
	not_ok "kexec -e returned"
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

# selftest_kexec_state ID: the state el2reset-selftest --kexec leaves for
# the next boot's --after-kexec (its marker ID, this kernel, its CPUs)
selftest_kexec_state() {
	mkdir -p /var/lib/el2reset-selftest
	printf 'id=%s\nkernel=%s\ncpus=%s\nbefore=el2reset resident\n' \
		"$1" "$(uname -r)" "$(nproc)" >/var/lib/el2reset-selftest/kexec
}

# selftest_results FILE RC: el2reset-selftest's output FILE on the console,
# each of its KTAP results as one assertion ("selftest: ..."), and that it
# printed KTAP and exited RC=0 exactly when nothing failed (RC "-": the
# machine went down inside it, a kexec: its summary line instead)
selftest_results() {
	sed 's/^/    /' "$1"
	n=0
	while IFS= read -r line; do
		case "$line" in
		"ok "*) n=$((n + 1)); d=${line#ok }; ok "selftest: ${d#* }" ;;
		"not ok "*) n=$((n + 1)); d=${line#not ok }; not_ok "selftest: ${d#* }" ;;
		esac
	done <"$1"
	equal "selftest: starts with 'KTAP version 1'" \
		"$(head -n 1 "$1")" "KTAP version 1"
	fails=$(grep -c '^not ok ' "$1")
	if [ "$2" = - ]; then
		sum=$(sed -n 's/^# el2reset-selftest: //p' "$1" | tail -n 1)
		check "selftest: printed $n results, summary $sum ($fails failed)" \
			[ "$n" -gt 0 -a \( "$sum" = PASS -a "$fails" = 0 -o "$sum" = FAIL -a "$fails" -gt 0 \) ]
		return
	fi
	check "selftest: printed $n results, exit status $2 ($fails failed)" \
		[ "$n" -gt 0 -a \( "$2" = 0 -a "$fails" = 0 -o "$2" = 1 -a "$fails" -gt 0 \) ]
}
