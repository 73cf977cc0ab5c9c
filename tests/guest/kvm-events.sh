# SPDX-License-Identifier: GPL-2.0
# KVM owns EL2 (module refused): hotplug and kexec still work - the module
# changed nothing.
stage=$(arg el2r.stage || echo 1)
if [ "$stage" = 1 ]; then plan 6; else plan 3; fi
el2_boot_ok "kernel $stage"
kvm_ok "kernel $stage"
if [ "$stage" = 1 ]; then
	out=$(finsmod $KO "$(arg el2r.modparams | tr , ' ')")
	check "insmod refused while KVM is initialised" sh -c "echo '$out' | grep -q 'Device or resource busy'"
	fails=""
	i=0
	while [ $i -lt 10 ]; do
		c=$((1 + i % ($(nproc) - 1)))
		echo 0 > /sys/devices/system/cpu/cpu$c/online || fails="$fails off$c"
		echo 1 > /sys/devices/system/cpu/cpu$c/online || fails="$fails on$c"
		i=$((i + 1))
	done
	equal "10 hotplug cycles under KVM" "$fails" ""
	check "no oops" dmesg_clean
	kexec_into "$(cat /proc/cmdline) el2r.stage=2"
else
	check "kernel $stage: no oops" dmesg_clean
fi
