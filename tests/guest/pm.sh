# SPDX-License-Identifier: GPL-2.0
# System suspend with el2reset resident. QEMU 7.2's virt machine offers only
# s2idle (no PSCI SYSTEM_SUSPEND, no PSCI idle states): no CPU loses power,
# so el2reset must still be resident afterwards and count no PM re-install.
# (The power-down paths - CPU_PM_EXIT, syscore resume - are covered by review,
# see module/events.c.)
plan 16
ncpu=$(nproc)
finsmod $KO
equal "insmod loads" "$?" 0
equal "mem_sleep offers s2idle only" "$(cat /sys/power/mem_sleep)" "[s2idle]"
for how in freeze mem; do
	echo +2 > /sys/class/rtc/rtc0/wakealarm
	echo $how > /sys/power/state
	equal "echo $how > /sys/power/state returns after the RTC alarm" "$?" 0
	resident_ok "after $how"
done
check "the kernel suspended and resumed" dmesg_has "PM: suspend exit"
every_cpu "no power-down, so no PM re-install" installs/pm '[ "$v" = 0 ]'
oracle resident
end_unloaded
