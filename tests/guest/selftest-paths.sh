# SPDX-License-Identifier: GPL-2.0
# el2reset-selftest's own failure paths, as its man page promises them
# (tools/el2reset-selftest.8, EXIT STATUS, OPTIONS): 2 on a usage error
# (an unknown option, a bad --cycles, an unreadable --module file, not
# root); 1 when a check failed, "# el2reset-selftest: FAIL" its verdict
# line (el2reset not installed; an --after-kexec boot that --kexec did not
# start); 0 and PASS otherwise (an --after-kexec boot that it did start);
# --report holds every field the page lists. The machine: EL2 with the
# stub, el2reset_selftest.kexec=el2r-paths on the command line (the marker
# --kexec puts there). Each run's output is on the console.
plan 39
export EL2RESET_CHECKS=/tests/el2reset-checks.sh
STATE=/var/lib/el2reset-selftest

# st OUT ARGS...: run the self-test, its output in OUT and on the console,
# its exit status in $rc
st() {
	out=$1
	shift
	el2reset-selftest "$@" >"$out" 2>&1
	rc=$?
	echo "el2reset-selftest $* -> $rc"
	sed 's/^/    /' "$out"
}

# Usage errors: exit 2, the message names the problem
st /tmp/p1 --no-such-option
equal "an unknown option: exit 2" "$rc" 2
check "... the message names the option" grep -q "unknown option '--no-such-option'" /tmp/p1
st /tmp/p2 --cycles abc
equal "--cycles abc: exit 2" "$rc" 2
check "... the message says it takes a number" grep -q "takes a number" /tmp/p2
st /tmp/p3 --module /nonexistent.ko
equal "an unreadable --module file: exit 2" "$rc" 2
check "... the message names the file" grep -q "cannot read /nonexistent.ko" /tmp/p3
asuser 1000 el2reset-selftest --module $KO >/tmp/p4 2>&1
rc=$?
sed 's/^/    /' /tmp/p4
equal "not root: exit 2" "$rc" 2
check "... the message says to run it as root" grep -q "run as root" /tmp/p4
check "... and nothing was loaded" sh -c '! grep -q "^el2reset " /proc/modules'

# el2reset not installed (modprobe finds no module): a failed check
st /tmp/p5
equal "el2reset not installed: exit 1" "$rc" 1
check "... a 'not ok' line for the load" grep -q "^not ok [0-9]* el2reset's verdict matches the boot log" /tmp/p5
equal "... its last line says FAIL" "$(tail -n 1 /tmp/p5)" "# el2reset-selftest: FAIL"

# --after-kexec: the state --kexec leaves, then the boot it started
selftest_kexec_state el2r-paths
st /tmp/p6 --after-kexec
equal "--after-kexec on the boot --kexec started: exit 0" "$rc" 0
equal "... its last line says PASS" "$(tail -n 1 /tmp/p6)" "# el2reset-selftest: PASS"
check "... the result kept in $STATE/kexec-result" grep -qx "# el2reset-selftest: PASS" $STATE/kexec-result
selftest_kexec_state another-run
st /tmp/p7 --after-kexec
equal "--after-kexec on a boot another run's --kexec did not start: exit 1" "$rc" 1
check "... the marker check fails" grep -q "^not ok [0-9]* this boot was started by el2reset-selftest --kexec" /tmp/p7
equal "... its last line says FAIL" "$(tail -n 1 /tmp/p7)" "# el2reset-selftest: FAIL"

# --report with the module: every field the man page lists (p7's result is
# "the last --kexec")
st /tmp/p8 --report --module $KO --cycles 1
equal "--report with the module: exit 0" "$rc" 0
equal "... one verdict line, PASS" "$(grep -c '^# el2reset-selftest: ' /tmp/p8) $(grep '^# el2reset-selftest: ' /tmp/p8)" "1 # el2reset-selftest: PASS"
has() { grep -qE -- "$1" /tmp/p8; }
check "report: the date" has '^# date: [0-9]{4}-[0-9]{2}-[0-9]{2} '
check "report: the package version" has '^# package: el2reset-dkms '
check "report: the module's version and file" has "^# module: [0-9]+\\.[0-9]+[^ ]* $KO\$"
check "report: the kernel version" grep -qF "# kernel: $(uname -r) #" /tmp/p8
check "report: the kernel command line" grep -qxF "# cmdline: $(cat /proc/cmdline)" /tmp/p8
check "report: the machine (device tree model or DMI)" has '^# machine: .+ \((device tree|DMI)\)$'
check "report: UEFI and lockdown" has '^# boot: (UEFI|not UEFI).*; lockdown: '
check "report: the CPU count" has "^# CPUs: possible .* \\($(nproc)\\)\$"
fails=""
for n in $(online_cpus); do
	has "^# cpu$n: midr_el1=0x[0-9a-f]+ revidr_el1=0x[0-9a-f]+" || fails="$fails cpu$n"
done
equal "report: each CPU's MIDR_EL1 and REVIDR_EL1" "$fails" ""
fails=""
for n in $(online_cpus); do
	for r in ID_AA64PFR0_EL1 ID_AA64MMFR0_EL1 ID_AA64MMFR1_EL1 ID_AA64MMFR2_EL1 ID_AA64MMFR3_EL1 ID_AA64MMFR4_EL1; do
		has "^#   cpu$n: .*$r=0x[0-9a-f]+" || fails="$fails cpu$n/$r"
	done
done
equal "report: the ID registers el2reset read on each CPU" "$fails" ""
check "report: the boot's line on EL2" has '^#   .*CPU: All CPU\(s\) started at EL2'
check "report: the boot's CPU features" has '^#   .*CPU features: detected: '
check "report: the owner verdict" has "^# owner verdict expected from the kernel's boot log: load\$"
n=$(grep -cE '^(ok|not ok) [0-9]+ ' /tmp/p8)
equal "report: every check's result, as many as its totals count" \
	"$(sed -n 's/^# Totals: pass:\([0-9]*\) fail:\([0-9]*\) skip:\([0-9]*\)$/\1 \2 \3/p' /tmp/p8 | awk '{ print $1 + $2 + $3 }')" "$n"
check "report: el2reset's kernel log lines" sh -c "sed -n '/^# ==== el2reset.s kernel log lines/,\$p' /tmp/p8 | grep -q '^#   .*el2reset: loaded: resident'"
check "report: the last --kexec's result" sh -c "sed -n '/^# ==== the last --kexec/,\$p' /tmp/p8 | grep -q '^#   # el2reset-selftest: FAIL'"
equal "report: its last line ends it" "$(tail -n 1 /tmp/p8)" "# ==== end of report ===="
check "el2reset left unloaded, as it was found" sh -c '! grep -q "^el2reset " /proc/modules'
check "no oops, BUG, WARNING or foreign taint" dmesg_clean
