# SPDX-License-Identifier: GPL-2.0
# kexec with el2reset resident, el2r.kexecs=N times. Every kernel but the
# last runs with kvm-arm.mode=none and re-loads the module; the last one
# boots without it and must initialise KVM: proof EL2 was handed back clean.
# The oracle stops each kernel at machine_kexec(): with the reboot notifier
# EL2 is handed back there on every vCPU (the secondaries are offline);
# without it (reboot_notifier=0) the boot CPU is still resident and the
# resident code's HVC_SET_VECTORS hands EL2 over afterwards.
stage=$(arg el2r.stage || echo 1)
n=$(arg el2r.kexecs || echo 1)
ncpu=$(nproc)
# 5 in each kernel that loads el2reset and kexecs (3 where it is not
# loaded: el2r.nomod), 3 in the last one
if [ "$stage" -gt "$n" ]; then
	plan 3
elif arg el2r.nomod >/dev/null; then
	plan 3
else
	plan 5
fi
el2_boot_ok "kernel $stage"
if [ "$stage" -le "$n" ]; then
	expect=""
	if ! arg el2r.nomod >/dev/null; then
		finsmod $KO "$(arg el2r.modparams | tr , ' ')"
		equal "kernel $stage: insmod loads" "$?" 0
		with_payload
		equal "kernel $stage: every CPU answers as el2reset" "$(owners)" "el2reset:$ncpu"
		oracle resident
		case "$(arg el2r.modparams)" in
		*reboot_notifier=0*) expect="handed cpu0=resident" ;;
		*) expect=handed ;;
		esac
		# tests/bench times kexec: no oracle stop inside the interval
		! arg el2r.timing >/dev/null || expect=""
	fi
	check "kernel $stage: no oops" dmesg_clean
	next=""
	for w in $(cat /proc/cmdline); do
		case "$w" in
		el2r.stage=*) ;;
		kvm-arm.mode=none) [ "$stage" = "$n" ] || next="$next $w" ;;
		*) next="$next $w" ;;
		esac
	done
	dmesg -n 7
	kexec_into "$next el2r.stage=$((stage + 1))" "$expect"
else
	kvm_ok "kernel $stage"
	check "kernel $stage: no oops" dmesg_clean
fi
