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
# Then a CPU whose install or teardown fails (test-only parameters):
# the load is refused with that CPU named, an install round is all or
# nothing and last_result names the CPU, a failed reset is reported, and a
# failed teardown at unload leaks the EL2 image (one KERN_CRIT line) rather
# than freeing memory a CPU may still run.
plan 53
D=/sys/kernel/debug/el2reset
finsmod $KO test_knobs=1
equal "insmod test_knobs=1 loads" "$?" 0
oracle "resident tests=present"
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

# A failing CPU, all or nothing (test_fail_install/test_fail_teardown,
# honoured with test_knobs=1: that CPU's install or teardown fails with
# -EIO before any HVC). crits: el2reset's KERN_CRIT lines so far.
P=/sys/module/el2reset/parameters
crits() { dmesg -r | grep -c '^<2>.*el2reset: '; }
# a load whose install fails on CPU2: refused, CPU2 named on its own line,
# every CPU handed back
dmesg -c >/dev/null
out=$(finsmod $KO "test_knobs=1 test_fail_install=2")
rc=$?
echo "$out"
check "a load whose install fails on CPU2 is refused with EIO" sh -c \
	"[ $rc != 0 ] && echo '$out' | grep -q ': Input/output error\$'"
equal "CPU2 named on its own line, no other CPU" \
	"$(dmesg | grep -o 'el2reset: CPU[0-9]*: install (load) failed.*')" \
	"el2reset: CPU2: install (load) failed: -5"
equal "one refusal line" "$(dmesg | grep -c 'el2reset: refusing to load: the install failed on some CPU (-5')" 1
check "nothing left in sysfs" [ ! -e $S ]
oracle handed
# a sysfs install round with CPU2 failing: every CPU handed back, the write
# fails, last_result names exactly CPU2 and its errno; the next good round
# reads ok
finsmod $KO test_knobs=1
equal "insmod test_knobs=1 loads" "$?" 0
echo 1 > $S/reset
dmesg -c >/dev/null
echo 2 > $P/test_fail_install
equal "install with CPU2 failing fails with EIO" "$(wr $S/install 1)" "wr: Input/output error"
equal "last_result names exactly CPU2 and -EIO" "$(cat $S/last_result)" "cpu2:-5"
equal "resident reads 0" "$(cat $S/resident)" 0
equal "every CPU answers as the stub (rolled back)" "$(owners)" "stub:$(nproc)"
equal "CPU2 named on its own line, no other CPU" \
	"$(dmesg | grep -o 'el2reset: CPU[0-9]*: install (sysfs) failed.*')" \
	"el2reset: CPU2: install (sysfs) failed: -5"
oracle handed
echo -1 > $P/test_fail_install
echo 1 > $S/install
equal "the next install succeeds" "$?" 0
equal "last_result reads ok" "$(cat $S/last_result)" ok
equal "resident reads 1 after install" "$(cat $S/resident)" 1
oracle resident
# a reset round with CPU1 failing: the write fails, CPU1 named in dmesg and
# last_result, the others handed back
echo 1 > $P/test_fail_teardown
equal "reset with CPU1 failing fails with EIO" "$(wr $S/reset 1)" "wr: Input/output error"
equal "last_result names exactly CPU1 and -EIO" "$(cat $S/last_result)" "cpu1:-5"
check "CPU1 named in dmesg" dmesg_has "el2reset: CPU1: teardown (sysfs) failed: -5"
equal "debugfs keeps CPU1's last error, CPU0's is 0" \
	"$(cat $DBG/cpu1/last_error) $(cat $DBG/cpu0/last_error)" "-5 0"
oracle "handed cpu1=resident"
echo -1 > $P/test_fail_teardown
echo 1 > $S/reset
equal "the next reset succeeds" "$?" 0
equal "last_result reads ok after it" "$(cat $S/last_result)" ok
oracle handed
echo 1 > $S/install
equal "install again" "$?" 0
# a payload registered while CPU1's teardown fails: its registration's
# teardown round cannot take CPU1 back, so nothing changes (-EBUSY), every
# CPU installed again, no payload mapped
echo 1 > $P/test_fail_teardown
out=$(insmod $TVM_KO 2>&1)
check "a payload's registration is refused with EBUSY ($out)" sh -c \
	'case "$1" in *"Device or resource busy"*) exit 0 ;; esac; exit 1' _ "$out"
check "dmesg says why" dmesg_has "el2reset: payloads unchanged: some CPU's EL2 could not be taken back"
echo -1 > $P/test_fail_teardown
echo 1 > $S/install
oracle payload gone
# unload with CPU1's teardown failing: CPU1 may still run the EL2 image, so
# the module leaks it (init_on_free=1 would zero freed pages: the oracle
# finds el2reset's code and tables intact on CPU1), says so in exactly one
# KERN_CRIT line, and nothing oopses
crit0=$(crits)
echo 1 > $P/test_fail_teardown
rmmod el2reset
equal "rmmod with CPU1's teardown failing completes" "$?" 0
equal "exactly one KERN_CRIT line" "$(($(crits) - crit0))" 1
check "it says the EL2 pages leaked" sh -c \
	"dmesg -r | grep '^<2>' | grep -q 'el2reset: unloaded with EL2 not handed back on every CPU; EL2 pages leaked'"
check "CPU1 named" dmesg_has "el2reset: CPU1: teardown (unload) failed: -5"
oracle "handed cpu1=resident"
check "no oops, BUG, WARNING or foreign taint after the leak" dmesg_clean
# EL2 still holds the leaked el2reset on CPU1: a new load must see that its
# probe was not answered by the stub, and refuse (ENXIO) without an install
dmesg -c >/dev/null
out=$(finsmod $KO)
echo "$out"
check "a load while CPU1 runs the leaked code is refused with ENXIO" sh -c \
	"echo '$out' | grep -q ': No such device or address\$'"
equal "with one refusal line" "$(dmesg | grep -c 'el2reset: refusing to load:')" 1
check "and no install tried" sh -c "! dmesg | grep -q 'el2reset: CPU[0-9]*: install'"
oracle "handed cpu1=resident"
# CPU1 back at the stub the way firmware gives it: off and on again (PSCI;
# no module loaded, so nothing at EL1 or EL2 sees it go)
echo 0 > /sys/devices/system/cpu/cpu1/online
echo 1 > /sys/devices/system/cpu/cpu1/online
oracle handed
# Never free what EL2 may still run: a load whose install fails on CPU2
# while the roll-back's teardown fails on CPU1. CPU1 keeps el2reset's code,
# so the refused load must leak the image rather than free it: with
# init_on_free=1 freed pages read zero, and the oracle must find el2reset's
# code and tables intact at CPU1's VBAR_EL2, with one KERN_CRIT line
crit0=$(crits)
dmesg -c >/dev/null
out=$(finsmod $KO "test_knobs=1 test_fail_install=2 test_fail_teardown=1")
rc=$?
echo "$out"
check "a load whose install fails on CPU2 and roll-back on CPU1 is refused" \
	[ "$rc" != 0 ]
equal "the failed roll-back named once: CPU1, not freed" \
	"$(dmesg | grep -c 'el2reset: CPU1: teardown (load) failed: -5')" 1
equal "exactly one KERN_CRIT line, saying the pages leaked" \
	"$(($(crits) - crit0)) $(dmesg -r | grep '^<2>' | grep -c 'el2reset: load failed with EL2 not handed back on every CPU; EL2 pages leaked')" "1 1"
oracle "handed cpu1=resident"
check "no oops, BUG, WARNING or foreign taint after the refused load" dmesg_clean
