# SPDX-License-Identifier: GPL-2.0
# CPUs that come online only after el2reset loaded (maxcpus=2): each is
# checked against the kernel's boot-mode record again before its first HVC,
# then installed by the hotplug callback; the oracle reads all four.
ncpu=$(ls -d /sys/devices/system/cpu/cpu[0-9]* | wc -l)
equal "booted with 2 of $ncpu CPUs online" "$(cat /sys/devices/system/cpu/online)" "0-1"
finsmod $KO
equal "insmod loads" "$?" 0
equal "CPUs 2 and 3 are offline" "$(cat $S/cpu2/owner) $(cat $S/cpu3/owner)" "offline offline"
oracle "resident cpu2=any cpu3=any"
for c in 2 3; do
	echo 1 > /sys/devices/system/cpu/cpu$c/online
	equal "CPU$c comes online late" "$?" 0
done
equal "every CPU answers as el2reset" "$(owners)" "el2reset:4"
oracle resident
rmmod el2reset
equal "rmmod works" "$?" 0
oracle handed
check "no oops, BUG, WARNING or foreign taint" dmesg_clean
