# SPDX-License-Identifier: GPL-2.0
# An exception taken at EL2 is never a hang: with el2reset resident, the
# test-only call EL2R_HVC_TEST_FAULT (debugfs el2_fault, test_knobs=1) makes
# CPU 1's EL2 code load from an unmapped address. The EL2 code must hand
# EL2 back to the stub on that CPU and return the syndrome; the module
# reports it, leaves that CPU alone until an explicit install, and unloads
# cleanly.
D=/sys/kernel/debug/el2reset
finsmod $KO test_knobs=1
equal "insmod test_knobs=1 loads" "$?" 0
oracle resident
echo 1 > $D/el2_fault
equal "the faulting call returns (the fault came back as a report)" "$?" 0
equal "CPU1 is marked faulted" "$(cat $S/cpu1/owner)" faulted
check "one report line names ESR_EL2, FAR_EL2 and ELR_EL2" sh -c \
	"dmesg | grep 'el2reset: CPU1: EL2 took a synchronous exception' | grep -q 'ESR_EL2=0x9[4-7][0-9a-f]* FAR_EL2=0x0 ELR_EL2=0x'"
check "the report says what to do" sh -c \
	"dmesg | grep 'el2reset: CPU1: EL2 took' | grep -q 'write 1 to /sys/kernel/el2reset/install'"
oracle "resident cpu1=handed"
equal "no second HVC into a faulted CPU: the knob refuses" "$(wr $D/el2_fault 1)" "wr: Invalid argument"
echo 1 > $S/reset
equal "reset skips the faulted CPU and succeeds" "$?" 0
equal "CPU1 still faulted after reset" "$(cat $S/cpu1/owner)" faulted
oracle handed
echo 1 > $S/install
equal "an explicit install takes CPU1 back" "$?" 0
equal "every CPU answers as el2reset" "$(owners)" "el2reset:$(nproc)"
oracle resident
rmmod el2reset
equal "rmmod works" "$?" 0
oracle handed
check "no oops, BUG, WARNING or foreign taint" dmesg_clean
