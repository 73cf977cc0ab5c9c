# SPDX-License-Identifier: GPL-2.0
# Upstream's KVM selftests (tools/testing/selftests/kvm of the kernel's own
# source, scripts/fetch-kvm-selftests) beside el2reset, in the ways
# el2r.ways= names (default 2):
#   1  without el2reset (KVM takes EL2 from the stub for its VMs);
#   2  with el2reset loaded, yielding EL2 to KVM while a VM exists;
#   3  after a reset and the install that takes the CPUs back, the VMs of
#      way 2 gone.
# Each test's result (pass: exit 0; skip: exit 4, KSFT_SKIP; fail: any
# other; timeout) must be the one tests/kvm-selftests.conf expects, so
# that each way gives the same results. The oracle reads EL2 between the
# ways.
L=/kvm-selftests/list
ways=$(arg el2r.ways || echo 2)
ways=$(echo "$ways" | tr , ' ')
ntests=$(grep -c . $L)
n=2
for w in $ways; do
	case $w in
	1) n=$((n + ntests)) ;;
	2) n=$((n + ntests + 6)) ;;
	3) n=$((n + ntests + 7)) ;;
	esac
done
plan $n
echo "KVM selftests: $(cat /kvm-selftests/source)"

# run_tests WAY: each test of the list, its result against the expected one
run_tests() {
	while read -r name expect args; do
		t0=$(date +%s)
		timeout -s KILL 150 /kvm-selftests/$name $args >/tmp/kvmst.out 2>&1
		rc=$?
		secs=$(($(date +%s) - t0))
		case $rc in
		0) res=pass ;;
		4) res=skip ;;
		137) res=timeout ;;
		*) res=fail ;;
		esac
		# the test's own account: its end, or more of it where it did
		# not pass
		[ $res = pass ] && k=2 || k=15
		tail -n $k /tmp/kvmst.out | sed 's/^/    /'
		echo "KVMST: way=$1 test=$name result=$res rc=$rc seconds=$secs"
		equal "$1: $name ${args:+($args) }($secs s)" "$res" "$expect"
	done <$L
}

loaded=0
for w in $ways; do
	case $w in
	1)
		[ $loaded = 0 ] || { rmmod el2reset; loaded=0; }
		run_tests "without el2reset"
		oracle stub
		;;
	2)
		if [ $loaded = 0 ]; then
			finsmod $KO
			equal "insmod next to an initialised KVM" "$?" 0
			loaded=1
		else
			not_ok "way 2 loads el2reset: it is already loaded"
		fi
		resident_ok "before the selftests"
		oracle resident
		run_tests "el2reset yielding"
		equal "the CPUs KVM gave back stay yielded" "$(owners)" "yielded:$(nproc)"
		;;
	3)
		[ $loaded = 1 ] || { finsmod $KO; loaded=1; }
		echo 1 >$S/reset
		equal "reset" "$?" 0
		oracle stub
		echo 1 >$S/install
		equal "install takes the CPUs back" "$?" 0
		resident_ok "after the take-back"
		oracle resident
		run_tests "after reset and install"
		equal "the CPUs KVM gave back stay yielded" "$(owners)" "yielded:$(nproc)"
		;;
	esac
done
if [ $loaded = 1 ]; then
	end_unloaded stub
else
	ok "el2reset never loaded"
	check "no oops, BUG, WARNING or foreign taint" dmesg_clean
fi
