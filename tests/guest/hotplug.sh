# SPDX-License-Identifier: GPL-2.0
# CPU hotplug with el2reset resident: 50 offline/online cycles of random
# CPUs; each CPU that comes back is resident again; after a reset a CPU
# that comes back keeps the stub, after an install it is resident again;
# the oracle checks all.
plan 22
ncpu=$(nproc)
# cpu_cycle N: take CPU N offline and back online (one assertion)
cpu_cycle() {
	echo 0 > /sys/devices/system/cpu/cpu$1/online &&
		echo 1 > /sys/devices/system/cpu/cpu$1/online
	equal "CPU$1 offline and online again" "$?" 0
}
finsmod $KO
equal "insmod loads" "$?" 0
resident_ok "after load"
cycles=$(arg el2r.cycles || echo 50)
seed=$(( $(date +%s) % 1000 ))
echo "hotplug: seed $seed"
fails=""
offs="0 0 0 0 0 0 0 0"
i=0
while [ $i -lt $cycles ]; do
	c=$(awk -v s=$((seed + i)) -v n=$((ncpu - 1)) 'BEGIN { srand(s); print 1 + int(rand() * n) }')
	echo 0 > /sys/devices/system/cpu/cpu$c/online || fails="$fails off$c@$i"
	[ "$(cat $S/cpu$c/owner)" = offline ] || fails="$fails notoffline$c@$i"
	# the powered-off vCPU, read before PSCI CPU_ON resets it
	[ $i -lt 3 ] && oracle "resident cpu$c=handed"
	echo 1 > /sys/devices/system/cpu/cpu$c/online || fails="$fails on$c@$i"
	[ "$(cat $S/cpu$c/owner)" = el2reset ] || fails="$fails notresident$c@$i"
	i=$((i + 1))
done
equal "$cycles offline/online cycles, each CPU resident again when back" "$fails" ""
total=0
for c in $DBG/cpu*; do
	total=$((total + $(cat $c/teardowns/hotplug)))
done
equal "one hotplug teardown counted per offline" "$total" "$cycles"
total=0
for c in $DBG/cpu*; do
	total=$((total + $(cat $c/installs/hotplug)))
done
equal "one hotplug install counted per online" "$total" "$cycles"
resident_ok "after $cycles hotplug cycles"
oracle resident
# reset stays reset: a CPU that comes online after a write to reset keeps
# the stub (no install), until a write to install; then one is resident
echo 1 > $S/reset
equal "reset" "$?" 0
cpu_cycle 1
equal "after reset, CPU1 back online: owner stub" "$(cat $S/cpu1/owner)" stub
equal "after reset and CPU1 online: resident reads 0" "$(cat $S/resident)" 0
oracle handed
echo 1 > $S/install
equal "install" "$?" 0
cpu_cycle 2
equal "after install, CPU2 back online: owner el2reset" "$(cat $S/cpu2/owner)" el2reset
equal "after install and CPU2 online: resident reads 1" "$(cat $S/resident)" 1
oracle resident
end_unloaded
