# SPDX-License-Identifier: GPL-2.0
# Load-time ownership check: the module loads where the hyp-stub owns EL2 and
# refuses, with one dmesg line and a distinct errno, everywhere else.
# el2r.expect=load | ENODEV | EOPNOTSUPP | EPERM | EBUSY ...
# el2r.reason=TEXT   text the refusal line must contain ("+" for a space)
expect=$(arg el2r.expect)
reason=$(arg el2r.reason | tr + ' ')
ncpu=$(nproc)
# 22 assertions where it loads, 7 where it refuses, 10 where EL2's own
# init call is made to refuse too (el2r.el2check)
if [ "$expect" = load ]; then
	plan 22
elif arg el2r.el2check >/dev/null; then
	plan 10
else
	plan 7
fi

# el2reset-selftest's expectation from the kernel's own boot log (the
# shared checks) must say what the case knows
equal "the verdict el2reset-selftest expects from the boot log" "$(expected_verdict)" "$expect"
out=$(finsmod $KO 2>&1)
rc=$?
echo "finsmod: rc=$rc $out"
if [ "$expect" = load ]; then
	equal "insmod loads" "$rc" 0
	equal "verdict is stub" "$(cat $S/verdict)" stub
	resident_ok "after load"
	check "dmesg says loaded" dmesg_has "el2reset: loaded: resident at EL2 on all $ncpu online CPUs"
	sv=$(cat $S/stub_vectors)
	check "stub_vectors is a physical address ($sv)" [ -n "$sv" -a "$sv" != 0x0 ]
	oracle resident
	rmmod el2reset
	equal "rmmod works" "$?" 0
	check "sysfs is gone after rmmod" [ ! -e $S ]
	oracle handed
	insmod $KO install=0
	equal "reload with install=0 works" "$?" 0
	stub_ok "install=0"
	equal "install=0: resident reads 0" "$(cat $S/resident)" 0
	equal "install=0: last_result reads none (no round yet)" "$(cat $S/last_result)" none
	oracle handed
	# the stub stays until install; then CPUs coming online are installed
	echo 1 > $S/install
	equal "install after install=0" "$?" 0
	echo 0 > /sys/devices/system/cpu/cpu1/online &&
		echo 1 > /sys/devices/system/cpu/cpu1/online
	equal "CPU1 offline and online again" "$?" 0
	resident_ok "install after install=0, CPU1 back online"
	oracle resident
	rmmod el2reset
else
	check "insmod refused" [ "$rc" != 0 ]
	check "errno is $expect" sh -c "echo \"\$0\" | grep -q \": $(strerror "$expect")\$\"" "$out"
	equal "exactly one refusal line in dmesg" "$(dmesg | grep -c 'el2reset: refusing to load:')" 1
	check "refusal names '$reason'" sh -c "dmesg | grep 'el2reset: refusing to load:' | grep -q -- '$reason'"
	check "nothing left in sysfs" [ ! -e $S ]
	# where a stub held EL2 at boot, it still does, untouched
	if arg el2r.baseline >/dev/null && ! kvm_holds_el2; then
		oracle stub
	fi
	if arg el2r.el2check >/dev/null; then
		check "refused before any HVC: no install was tried" sh -c \
			"! dmesg | grep -q 'el2reset: CPU[0-9]*: install'"
		# past the load-time check: EL2's own init call must refuse
		out=$(finsmod $KO "test_knobs=1 hvhe_precheck=0" 2>&1)
		echo "finsmod test_knobs=1 hvhe_precheck=0: $out"
		check "EL2's init call refuses too: $expect" sh -c "echo \"\$0\" | grep -q \": $(strerror "$expect")\$\"" "$out"
		check "it says why" sh -c "dmesg | grep 'el2reset: refusing to load: the install failed' | grep -q arm64_sw.hvhe=0"
		oracle stub
	fi
fi
check "no oops, BUG, WARNING or foreign taint" dmesg_clean
