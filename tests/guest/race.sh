# SPDX-License-Identifier: GPL-2.0
# Hotplug racing writes to reset and install, then rmmod, then insmod/rmmod
# cycles: no oops, no hang
# (the boot has a timeout), a consistent final state. el2r.cycles hotplug
# cycles (default 40) against el2r.writes writes (default 200).
plan 12
ncpu=$(nproc)
cycles=$(arg el2r.cycles || echo 40)
writes=$(arg el2r.writes || echo 200)
finsmod $KO
equal "insmod loads" "$?" 0
(
	i=0
	while [ $i -lt $cycles ]; do
		c=$((1 + i % (ncpu - 1)))
		echo 0 > /sys/devices/system/cpu/cpu$c/online
		echo 1 > /sys/devices/system/cpu/cpu$c/online
		i=$((i + 1))
	done
	echo done > /tmp/hotplug.done
) &
fails=0
i=0
while [ $i -lt $((writes / 2)) ]; do
	echo 1 > $S/reset || fails=$((fails + 1))
	echo 1 > $S/install || fails=$((fails + 1))
	i=$((i + 1))
done
wait
equal "$writes writes to reset/install raced with $cycles hotplug cycles, all succeed" "$fails" 0
check "the hotplug loop finished" [ -f /tmp/hotplug.done ]
equal "every CPU online again" "$(cat /sys/devices/system/cpu/online)" "0-$((ncpu - 1))"
resident_ok "final state (last write was install)"
oracle resident
rmmod el2reset
equal "rmmod at the end works" "$?" 0
oracle handed

# Hotplug racing module load and unload
(
	i=0
	while [ ! -f /tmp/reload.done ] && [ $i -lt 200 ]; do
		c=$((1 + i % (ncpu - 1)))
		echo 0 > /sys/devices/system/cpu/cpu$c/online
		echo 1 > /sys/devices/system/cpu/cpu$c/online
		i=$((i + 1))
	done
) &
fails=0
i=0
while [ $i -lt 10 ]; do
	finsmod $KO >/dev/null || fails=$((fails + 1))
	rmmod el2reset || fails=$((fails + 1))
	i=$((i + 1))
done
touch /tmp/reload.done
wait
equal "10 insmod/rmmod raced with hotplug, all succeed" "$fails" 0
equal "every CPU online again after the reload race" "$(cat /sys/devices/system/cpu/online)" "0-$((ncpu - 1))"
oracle handed
check "no oops, BUG, WARNING or foreign taint" dmesg_clean
