# SPDX-License-Identifier: GPL-2.0
# The demo: load el2reset on an emulated EL2-booted machine and show its state.
plan 14
say() { echo; echo "demo\$ $*"; }
say "grep -i el2 of the boot log"
dmesg | grep -E 'started at EL|KVM|kvm \[' | sed 's/^/    /'
say "insmod /lib/el2reset.ko"
finsmod $KO && ok "el2reset loaded" || not_ok "el2reset loaded"
dmesg | grep 'el2reset:' | tail -n 3 | sed 's/^/    /'
say "grep -r . /sys/kernel/el2reset/"
grep -r . $S | sed "s|$S/||; s/^/    /"
say "grep . /sys/kernel/debug/el2reset/cpu0/*  (debug information)"
grep . $DBG/cpu0/* | sed "s|$DBG/||; s/^/    /"
resident_ok "after insmod"
oracle resident
say "echo 1 > /sys/kernel/el2reset/reset"
echo 1 > $S/reset && ok "reset" || not_ok "reset"
say "cat /sys/kernel/el2reset/cpu*/owner"
cat $S/cpu*/owner | sed 's/^/    /'
stub_ok "after reset"
oracle handed
say "echo 1 > /sys/kernel/el2reset/install"
echo 1 > $S/install && ok "install" || not_ok "install"
resident_ok "after install"
say "rmmod el2reset"
rmmod el2reset && ok "el2reset unloaded" || not_ok "el2reset unloaded"
check "no oops" dmesg_clean
