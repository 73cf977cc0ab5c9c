# SPDX-License-Identifier: GPL-2.0
# el2reset-selftest (tools/), the tool el2reset-dkms installs for real
# machines, run with --report on the module the harness built; at each
# point where it says what EL2 holds, its hook has the gdbstub oracle read
# EL2 from outside (oracle-hook.sh). Each of its KTAP results is one
# assertion here, the oracle's are added by the host. el2r.cycles: its
# --cycles (default 3).
plan 72
EL2RESET_CHECKS=/tests/el2reset-checks.sh \
	EL2RESET_SELFTEST_HOOK="sh /tests/oracle-hook.sh" \
	el2reset-selftest --report --module $KO \
	--cycles "$(arg el2r.cycles || echo 3)" >/tmp/selftest.out 2>&1
rc=$?
selftest_results /tmp/selftest.out "$rc"
check "el2reset left unloaded, as it was found" sh -c '! grep -q "^el2reset " /proc/modules'
