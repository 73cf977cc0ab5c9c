# SPDX-License-Identifier: GPL-2.0
# CPUs that come online only after el2reset loaded (maxcpus=2): each is
# checked against the kernel's boot-mode record again before its first HVC.
# CPU 2 comes up at EL2 and is installed by the hotplug callback. Before CPU
# 3 comes up, the test-only knob makes the record say what it says once a
# CPU entered at EL1 (QEMU cannot start a CPU so): CPU 3 must be left
# alone, no HVC, reported. The oracle reads all four.
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
equal "CPU3 comes online after 'a CPU entered at EL1'" "$?" 0
echo 0 > $D/boot_mode_el1
equal "CPU3 left alone" "$(cat $S/cpu3/owner)" no-el2
check "and reported" dmesg_has "el2reset: CPU3 came online after a CPU entered the kernel at EL1"
oracle "resident cpu3=handed"
echo 1 > $S/install
equal "install skips CPU3 and succeeds" "$?" 0
equal "CPU3 still left alone" "$(cat $S/cpu3/owner)" no-el2
oracle "resident cpu3=handed"
rmmod el2reset
equal "rmmod works" "$?" 0
oracle handed
check "no oops, BUG, WARNING or foreign taint" dmesg_clean
