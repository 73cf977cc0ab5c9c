# SPDX-License-Identifier: GPL-2.0
# reboot / poweroff with el2reset resident (el2r.how=reboot|poweroff): the
# machine really goes down (qemu -no-reboot exits), teardown on the console.
finsmod $KO
equal "insmod loads" "$?" 0
resident_ok "before $(arg el2r.how)"
check "no oops before going down" dmesg_clean
dmesg -n 7
echo "EL2R-GOING-DOWN"
$(arg el2r.how) -f
not_ok "$(arg el2r.how) -f returned"
