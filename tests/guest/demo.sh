# SPDX-License-Identifier: GPL-2.0
# The demo: load el2reset on an emulated EL2-booted machine and show its state.
say() { echo; echo "demo\$ $*"; }
say "grep -i el2 of the boot log"
dmesg | grep -E 'started at EL|KVM|kvm \[' | sed 's/^/    /'
say "insmod /lib/el2reset.ko"
finsmod $KO && ok "el2reset loaded" || not_ok "el2reset loaded"
dmesg | grep 'el2reset:' | tail -n 3 | sed 's/^/    /'
say "grep . /sys/kernel/el2reset/*  /sys/kernel/el2reset/cpu*/*"
grep -r . $S | sed "s|$S/||; s/^/    /"
equal "every CPU answers as the hyp-stub" "$(owners)" "stub:$(nproc)"
oracle "vbar=$(cat $S/stub_vectors) mmu=off"
say "rmmod el2reset"
rmmod el2reset && ok "el2reset unloaded" || not_ok "el2reset unloaded"
check "no oops" dmesg_clean
