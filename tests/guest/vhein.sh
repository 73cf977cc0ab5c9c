# SPDX-License-Identifier: GPL-2.0
# The VHE machine's way in: a Debian user on a VHE machine (-cpu max) boots
# VHE -- the kernel itself at EL2, KVM in VHE mode -- then kexecs into a
# kernel started with id_aa64mmfr1.vh=0 kvm-arm.mode=none, where the stub
# holds EL2. Whatever the VHE kernel left at EL2 (its TCR2_EL1, PIR_EL1,
# POR_EL1, GCSCR_EL1 writes land in the EL2 registers under E2H) is the
# second kernel's stub state: the oracle reads it before el2reset loads
# there (el2r.baseline=1 on the second command line), and el2reset must
# install, reset, and unload with every register back at that baseline.
stage=$(arg el2r.stage || echo 1)
if [ "$stage" = 1 ]; then plan 3; else plan 8; fi
if [ "$stage" = 1 ]; then
	equal "kernel 1: VHE, el2reset's expected verdict" "$(expected_verdict)" EOPNOTSUPP
	equal "kernel 1: el2reset refuses to load under VHE" \
		"$(errno_of "$(finsmod $KO 2>&1)")" EOPNOTSUPP
	next=""
	for w in $(cat /proc/cmdline); do
		case "$w" in el2r.stage=*) ;; *) next="$next $w" ;; esac
	done
	dmesg -n 7
	kexec_into "$next id_aa64mmfr1.vh=0 kvm-arm.mode=none el2r.baseline=1 el2r.stage=2"
else
	el2_boot_ok "kernel 2"
	equal "kernel 2: nVHE, the stub at EL2: el2reset's expected verdict" \
		"$(expected_verdict)" load
	finsmod $KO
	equal "kernel 2: insmod" "$?" 0
	equal "kernel 2: every CPU answers as el2reset" "$(owners)" "el2reset:$(nproc)"
	oracle resident
	echo 1 > $S/reset
	equal "kernel 2: reset" "$?" 0
	oracle handed
	echo 1 > $S/install
	equal "kernel 2: install" "$?" 0
	oracle resident
	rmmod el2reset
	equal "kernel 2: rmmod" "$?" 0
	oracle handed
	check "kernel 2: no oops, BUG, WARNING or foreign taint" dmesg_clean
fi
