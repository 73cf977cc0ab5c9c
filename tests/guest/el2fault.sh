# SPDX-License-Identifier: GPL-2.0
# An exception taken at EL2 is never a hang: with el2reset resident, the
# test-only call EL2R_HVC_TEST_FAULT (debugfs el2_fault, test_knobs=1) makes
# CPU 1's EL2 code load from an unmapped address. The EL2 code must hand
# EL2 back to the stub on that CPU and return the syndrome; the module
# reports it, leaves that CPU alone until an explicit install, and unloads
# cleanly.
# Only an HVC64 is a call: a test-only call sets HCR_EL2.TWI (a trap bit
# firmware or an earlier EL2 owner might leave), then a WFI at EL1 with
# x0 = 0 (CPU 1) and x0 = 1 (CPU 2) is trapped to EL2. Taken for a call it
# would install x1 = 0 as VBAR_EL2 or jump to it at EL2: a hang. It must
# come back as a fault: the CPU marked faulted, one line naming ESR_EL2 (EC
# 0x1, a trapped WFx), the oracle finding the stub there with the trap bit
# gone, the next WFIs (idle) running normally.
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
echo 1 > $D/wfi_trap0
equal "a WFI trapped to EL2 with x0 = 0 comes back as a fault (CPU1)" "$?" 0
echo 2 > $D/wfi_trap1
equal "a WFI trapped to EL2 with x0 = 1 comes back as a fault (CPU2)" "$?" 0
equal "CPU1 and CPU2 are marked faulted" \
	"$(cat $S/cpu1/owner) $(cat $S/cpu2/owner)" "faulted faulted"
equal "one report line for each, naming ESR_EL2 of a trapped WFI (EC 0x1)" \
	"$(dmesg | grep 'el2reset: CPU[12]: EL2 took a synchronous exception from EL1 that is not an HVC' | grep -c 'ESR_EL2=0x[4-7][0-9a-f]\{6\} (EC 0x1)')" 2
oracle "resident cpu1=handed cpu2=handed"
sleep 1
equal "CPU1 and CPU2 idle (WFI) without a trap: still faulted, at the stub" \
	"$(cat $S/cpu1/owner) $(cat $S/cpu2/owner)" "faulted faulted"
echo 1 > $S/install
equal "an explicit install takes CPU1 and CPU2 back" "$?" 0
equal "every CPU answers as el2reset again" "$(owners)" "el2reset:$(nproc)"
oracle resident
rmmod el2reset
equal "rmmod works" "$?" 0
oracle handed
check "no oops, BUG, WARNING or foreign taint" dmesg_clean
