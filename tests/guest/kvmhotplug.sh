# SPDX-License-Identifier: GPL-2.0
# KVM after CPU hotplug (a reproducer, not in make check: make
# check-kvmhotplug). KVM initialised but leaving the stub at EL2
# (kvm.enable_virt_at_load=0); every CPU goes offline and online again
# el2r.cycles times (default 3); with el2r.load=1 el2reset is resident
# through that and is unloaded/reloaded el2r.cycles times after. Then one
# VM per CPU, pinned there (taskset), each in turn: while it lives KVM must
# hold EL2 on every CPU (oracle kvm), once it is gone the stub again.
# A CPU whose KVM guest vectors are garbage wedges at EL2 at its VM's first
# guest entry: the VM never reaches "holding" (60 s), and the oracle's read
# of every CPU ("any") shows which CPU holds what.
load=$(arg el2r.load || echo 0)
cycles=$(arg el2r.cycles || echo 3)
ncpu=$(nproc)
if [ "$load" = 1 ]; then plan 25; else plan 12; fi
el2_boot_ok "boot"
kvm_ok "boot"
if [ "$load" = 1 ]; then
	finsmod $KO
	equal "insmod loads next to KVM" "$?" 0
	resident_ok "after load"
fi
fails=""
c=0
while [ $c -lt "$ncpu" ]; do
	i=0
	while [ $i -lt "$cycles" ]; do
		echo 0 > /sys/devices/system/cpu/cpu$c/online || fails="$fails off$c@$i"
		echo 1 > /sys/devices/system/cpu/cpu$c/online || fails="$fails on$c@$i"
		i=$((i + 1))
	done
	c=$((c + 1))
done
equal "every CPU offline and online again $cycles times" "$fails" ""
if [ "$load" = 1 ]; then
	rmmod el2reset
	equal "rmmod" "$?" 0
	reload_cycles "$((cycles - 1))"
	finsmod $KO
	equal "insmod again" "$?" 0
	resident_ok "after hotplug and reloads"
	oracle resident
else
	oracle stub
fi
# where KVM's per-CPU vector choice lives, for reading it from outside
# (arch/arm64/kvm/arm.c, arch/arm64/kernel/proton-pack.c)
for s in hyp_spectre_vector_selector bp_hardening_data __per_cpu_offset; do
	echo "kvmhotplug: $s at $(ksym $s)"
done
# the Spectre-v2 state decides whether the slot is rewritten on CPU online
echo "kvmhotplug: spectre_v2: $(cat /sys/devices/system/cpu/vulnerabilities/spectre_v2)"
c=0
while [ $c -lt "$ncpu" ]; do
	taskset -c $c kvmclient -w 30 > /tmp/vm$c 2>&1 &
	pid=$!
	i=0
	while ! grep -q "kvmclient: holding" /tmp/vm$c && [ $i -lt 60 ]; do
		grep -q "kvmclient: FAIL" /tmp/vm$c && break
		sleep 1
		i=$((i + 1))
	done
	cat /tmp/vm$c
	if ! grep -q "kvmclient: holding" /tmp/vm$c; then
		not_ok "a VM pinned to CPU$c runs within 60 s"
		echo "kvmhotplug: VM on CPU$c did not start; EL2 of every CPU:"
		oracle any
		dmesg | tail -n 40
		break
	fi
	ok "a VM pinned to CPU$c runs within 60 s"
	oracle kvm
	kill -USR1 $pid
	wait $pid
	check "the VM on CPU$c ends with its PSCI SYSTEM_OFF (OK)" \
		sh -c "tail -n 1 /tmp/vm$c | grep -qx 'kvmclient: OK'"
	oracle stub
	c=$((c + 1))
done
check "no oops (but KVM's known UBSAN reports)" dmesg_clean
if [ "$load" = 1 ] && grep -q "^el2reset " /proc/modules; then
	rmmod el2reset
	equal "rmmod at the end" "$?" 0
fi
