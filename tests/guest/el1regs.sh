# SPDX-License-Identifier: GPL-2.0
# The stub ABI of 7.x and the trap promise, register by register, with the
# test knobs (test_knobs=1) and el2r_test_regs: a sentinel in every
# register x0-x30 (but x18) and in NZCV around one instruction.
#  - HVC_GET_ICH_VTR_EL2, 7.x's fifth stub call, an SMCCC 1.1 call: el2reset
#    answers it as the stub does (the same x0 and x1, read from each on the
#    same CPU) and keeps x4-x30 and NZCV.
#  - A WFI trapped to EL2 (HCR_EL2.TWI left set) and an IRQ taken to EL2
#    (HCR_EL2.IMO left set): exceptions from EL1 that are not calls change
#    no register, leave that CPU at the stub (its baseline, read from
#    outside) and are reported once, by kind.
plan 14
D=/sys/kernel/debug/el2reset
finsmod $KO test_knobs=1
equal "insmod test_knobs=1" "$?" 0
oracle resident
equal "HVC_GET_ICH_VTR_EL2 to el2reset on CPU1: x0 = 0, x4-x30 and NZCV kept" \
	"$(wr $D/ich_vtr 1)" "wr: ok"
ours=$(dmesg | sed -n 's/.*test: CPU1: HVC_GET_ICH_VTR_EL2 to el2reset: //p' | tail -n 1)
echo 1 > $S/reset
equal "reset" "$?" 0
oracle handed
equal "HVC_GET_ICH_VTR_EL2 to the stub on CPU1: x0 = 0, x4-x30 and NZCV kept" \
	"$(wr $D/ich_vtr 1)" "wr: ok"
stub=$(dmesg | sed -n 's/.*test: CPU1: HVC_GET_ICH_VTR_EL2 to the stub: //p' | tail -n 1)
check "el2reset's answer ($ours) is the stub's ($stub)" \
	[ -n "$stub" -a "$ours" = "$stub" ]
echo 1 > $S/install
equal "install" "$?" 0
oracle resident
equal "a WFI trapped to EL2 on CPU2 changes no register (x0-x30 but x18, NZCV)" \
	"$(wr $D/regs_wfi 2)" "wr: ok"
check "reported once as a trap on CPU2 (EC 0x1)" \
	[ "$(dmesg | grep -c 'el2reset: CPU2: EL2 took a synchronous exception from EL1 that is not an HVC: ESR_EL2=0x[0-9a-f]* (EC 0x1)')" = 1 ]
oracle "resident cpu2=handed"
equal "an IRQ taken to EL2 on CPU3 changes no register (x0-x30 but x18, NZCV)" \
	"$(wr $D/regs_irq 3)" "wr: ok"
check "reported once as an IRQ on CPU3" \
	[ "$(dmesg | grep -c 'el2reset: CPU3: EL2 took an IRQ from EL1')" = 1 ]
oracle "resident cpu2=handed cpu3=handed"
check "CPU3 still takes interrupts (its timer ticks)" \
	[ "$(awk '/arch_timer/ { print $5; exit }' /proc/interrupts)" -gt 0 ]
echo 1 > $S/install
equal "install takes CPU2 and CPU3 back" "$?" 0
oracle resident
end_unloaded
