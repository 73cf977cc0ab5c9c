# SPDX-License-Identifier: GPL-2.0
# el2reset-selftest --after-kexec on a boot whose CPUs did not start at EL2
# (the machine has no EL2: what a kexec through a dirty EL2 leaves, the
# next kernel at EL1), with the state and the marker (el2reset_selftest.
# kexec=el2r-paths) --kexec leaves: it must fail, exit 1, say FAIL.
plan 4
export EL2RESET_CHECKS=/tests/el2reset-checks.sh
selftest_kexec_state el2r-paths
el2reset-selftest --after-kexec >/tmp/after 2>&1
rc=$?
sed 's/^/    /' /tmp/after
equal "--after-kexec on a boot at EL1: exit 1" "$rc" 1
check "... the EL2 check fails" grep -q "^not ok [0-9]* every CPU started at EL2" /tmp/after
check "... the marker check passes (only EL2 is wrong)" grep -q "^ok [0-9]* this boot was started by el2reset-selftest --kexec" /tmp/after
equal "... its last line says FAIL" "$(tail -n 1 /tmp/after)" "# el2reset-selftest: FAIL"
