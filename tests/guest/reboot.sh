# SPDX-License-Identifier: GPL-2.0
# reboot / poweroff / halt with el2reset resident (el2r.how=reboot|poweroff|
# halt), or after it was unloaded (el2r.unload=1). The oracle stops the
# machine with a hardware breakpoint at the last kernel function before the
# firmware (PSCI SYSTEM_RESET / SYSTEM_OFF) or, for halt, where the kernel
# parks the machine, and reads EL2 of every vCPU there.
how=$(arg el2r.how)
if arg el2r.unload >/dev/null; then plan 8; else plan 7; fi
finsmod $KO
equal "insmod loads" "$?" 0
with_payload
resident_ok "before $how"
oracle resident
if arg el2r.unload >/dev/null; then
	rmmod el2reset
	equal "rmmod works" "$?" 0
	oracle handed
fi
check "no oops before going down" dmesg_clean
case "$how" in
reboot) at=psci_sys_reset tail="" ;;
poweroff) at=psci_sys_poweroff tail="" ;;
halt) at=machine_halt tail=" then=kill" ;;
esac
addr=$(ksym $at)
check "$at is in kallsyms ($addr)" [ -n "$addr" ]
oracle "handed break=$addr$tail"
dmesg -n 7
$how -f
echo "$how -f returned"
