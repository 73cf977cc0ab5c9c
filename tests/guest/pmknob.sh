# SPDX-License-Identifier: GPL-2.0
# CPU PM and syscore re-install, driven through the test-only debugfs knobs
# (test_knobs=1): on each CPU, EL2 is lost as a power-down loses it, then
# the kernel's CPU PM chain runs (cpu_pm_enter/exit) as cpuidle would; on
# the boot CPU the same with el2reset's syscore resume callback. QEMU's virt
# machine cannot power a CPU down itself (no PSCI idle states, no
# SYSTEM_SUSPEND). The oracle must find el2reset resident on every vCPU,
# and a CPU that runs the PM chain while going offline left at the stub.
plan 16
ncpu=$(nproc)
D=/sys/kernel/debug/el2reset
finsmod $KO test_knobs=1
equal "insmod test_knobs=1 loads" "$?" 0
oracle resident
c=0
while [ $c -lt $ncpu ]; do
	echo $c > $D/pm_cycle
	equal "CPU$c: EL2 lost, then CPU PM enter/exit" "$?" 0
	c=$((c + 1))
done
oracle resident
every_cpu "one PM re-install counted per CPU" installs/pm '[ "$v" = 1 ]'
echo 1 > $D/syscore_resume
equal "boot CPU: EL2 lost, then syscore resume" "$?" 0
oracle resident
equal "a knob write for an offline or absent CPU is refused" "$(wr $D/pm_cycle $ncpu)" "wr: Invalid argument"
# A CPU going offline runs the CPU PM chain after el2reset's teardown (as
# cpuidle may on its way out): it must not be installed again.
echo 1 > $D/pm_on_offline
echo 0 > /sys/devices/system/cpu/cpu2/online
equal "CPU2 goes offline with a PM cycle after the teardown" "$?" 0
oracle "resident cpu2=handed"
echo 0 > $D/pm_on_offline
echo 1 > /sys/devices/system/cpu/cpu2/online
equal "CPU2 back online" "$?" 0
equal "no PM re-install on the way out: one per CPU still" "$(cat $DBG/cpu2/installs/pm)" 1
oracle resident
# The going-down latch: once the reboot/kexec teardown has run (knob
# going_down: the reboot notifier's teardown, the system staying up),
# nothing installs again: not an explicit install, not a CPU coming online
echo 1 > $D/going_down
equal "the reboot teardown runs" "$?" 0
oracle handed
equal "an install after it is refused with ESHUTDOWN" "$(wr $S/install 1)" \
	"wr: Cannot send after transport endpoint shutdown"
equal "resident reads 0, last_result says why" \
	"$(cat $S/resident) $(cat $S/last_result)" "0 going down"
echo 0 > /sys/devices/system/cpu/cpu1/online
echo 1 > /sys/devices/system/cpu/cpu1/online
oracle handed
end_unloaded
