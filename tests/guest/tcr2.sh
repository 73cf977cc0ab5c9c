# SPDX-License-Identifier: GPL-2.0
# A completely defined EL2 regime: on a CPU with FEAT_TCR2 and FEAT_S1PIE
# (QEMU >= 10.1 -cpu max, make check-newqemu), TCR2_EL2.PIE = 1 and a
# PIR_EL2 that allows nothing can be left at EL2 -- by firmware, or by a VHE
# kernel before a kexec, whose TCR2_EL1/PIR_EL1 writes land in the EL2
# registers. Stage-1 permissions at EL2 then come from PIR_EL2, not from
# the descriptors, and an EL2 MMU turned on without writing TCR2_EL2 cannot
# even fetch its vectors: the install IPI hangs. The test-only call
# EL2R_HVC_TEST_PIE (debugfs pie_left) leaves exactly that on CPU 1 and
# hands it back to the stub; the next install must still work there. From
# then on the stub's state on CPU 1 holds TCR2_EL2.PIE = 1, and every
# hand-over gives it back so ("stub" there: the vectors and the MMU off;
# "handed" compares every register with the boot's baseline).
plan 8
D=/sys/kernel/debug/el2reset
finsmod $KO test_knobs=1
equal "insmod test_knobs=1 loads" "$?" 0
oracle resident
equal "CPU1 handed back with TCR2_EL2.PIE = 1 and PIR_EL2 = 0 left (needs FEAT_S1PIE: QEMU >= 10.1 -cpu max)" \
	"$(wr $D/pie_left 1)" "wr: ok"
oracle "resident cpu1=stub"
echo 1 > $S/install
equal "install on a CPU with TCR2_EL2.PIE left set" "$?" 0
equal "every CPU answers as el2reset" "$(owners)" "el2reset:$(nproc)"
oracle resident
echo 1 > $S/reset
equal "reset" "$?" 0
oracle "handed cpu1=stub"
echo 1 > $S/install
equal "install again" "$?" 0
oracle resident
end_unloaded "handed cpu1=stub"
