# SPDX-License-Identifier: GPL-2.0
# el2reset-selftest as a user runs it on a real machine: no oracle hook (no
# debugger), the module the harness built, KVM initialised and leaving EL2
# to the stub until a VM starts (6.1), so that its KVM step runs. Each of
# its KTAP results is one assertion here. check-mutants runs this case
# against every mutant of module/ and asm/: what the self-test catches
# without a debugger (Documentation/test-harness.rst, "The self-test
# against the mutants").
plan 64
EL2RESET_CHECKS=/tests/el2reset-checks.sh \
	el2reset-selftest --module $KO --cycles 1 >/tmp/selftest.out 2>&1
rc=$?
selftest_results /tmp/selftest.out "$rc"
check "el2reset left unloaded, as it was found" sh -c '! grep -q "^el2reset " /proc/modules'
