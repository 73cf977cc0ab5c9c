# SPDX-License-Identifier: GPL-2.0
# CPUs that come online only after el2reset loaded (maxcpus=2): each is
# checked against the kernel's boot-mode record again before its first HVC.
# CPU 2 comes up at EL2 and is installed by the hotplug callback. Before CPU
# 3 comes up, the test-only knob makes the record say what it says once a
# CPU entered at EL1 (QEMU cannot start a CPU so): CPU 3 must be left
# alone, no HVC, reported (or, on 7.x, the kernel refuses CPU 3 itself and
# el2reset never sees it). The oracle reads all four.
plan 12
D=/sys/kernel/debug/el2reset
equal "booted with 2 CPUs online" "$(cat /sys/devices/system/cpu/online)" "0-1"
finsmod $KO test_knobs=1
equal "insmod loads" "$?" 0
equal "CPUs 2 and 3 are offline" "$(cat $S/cpu2/owner) $(cat $S/cpu3/owner)" "offline offline"
oracle "resident cpu2=any cpu3=any"
echo 1 > /sys/devices/system/cpu/cpu2/online
equal "CPU2 comes online late" "$?" 0
equal "CPU2 installed by the hotplug callback" "$(cat $S/cpu2/owner)" el2reset
echo 1 > $D/boot_mode_el1
echo 1 > /sys/devices/system/cpu/cpu3/online
rc=$?
echo 0 > $D/boot_mode_el1
# 7.x refuses the CPU itself: a capability the boot CPU detected at EL2
# (ICV_DIR_EL1 trapping) now conflicts ("CPU3: will not boot")
if [ "$rc" = 0 ]; then
	want=no-el2
	ok "CPU3 comes online after 'a CPU entered at EL1'"
	equal "CPU3 left alone" "$(cat $S/cpu3/owner)" $want
	check "and reported" dmesg_has "el2reset: CPU3 came online after a CPU entered the kernel at EL1"
elif dmesg_has "CPU3: will not boot"; then
	want=offline
	ok "CPU3 refused by the kernel itself after 'a CPU entered at EL1'"
	equal "CPU3 left alone" "$(cat $S/cpu3/owner)" $want
	check "and never reached el2reset" sh -c '! dmesg | grep -q "el2reset: CPU3"'
else
	want=no-el2
	not_ok "CPU3 comes online after 'a CPU entered at EL1' (rc $rc)"
	equal "CPU3 left alone" "$(cat $S/cpu3/owner)" $want
	check "and reported" dmesg_has "el2reset: CPU3 came online after a CPU entered the kernel at EL1"
fi
oracle "resident cpu3=handed"
echo 1 > $S/install
equal "install skips CPU3 and succeeds" "$?" 0
equal "CPU3 still left alone" "$(cat $S/cpu3/owner)" $want
oracle "resident cpu3=handed"
end_unloaded
