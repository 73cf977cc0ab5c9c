# SPDX-License-Identifier: GPL-2.0
# A CPU with MTE (-M virt,mte=on -cpu max: FEAT_MTE2, with PAuth, BTI and
# SVE). The kernel's own stub runs with HCR_EL2.ATA set there (7.2+:
# HCR_HOST_NVHE_FLAGS | HCR_ATA); a hand-over that writes a constant
# without it makes EL1's next GCR_EL1/RGSR_EL1/TFSR_EL1 access trap to the
# stub, which returns to it: the CPU loops, and the reset never returns.
# The oracle compares every EL2 control register with its baseline after
# each hand-over; a task using tagged memory keeps running across a reset
# and still takes the tag-check fault it is due.
plan 11
check "the CPUs have MTE (/proc/cpuinfo: mte)" grep -q ' mte' /proc/cpuinfo
equal "tagged memory works before el2reset loads" "$(mte)" "mte: round 1 ok"
finsmod $KO
equal "insmod on a CPU with MTE" "$?" 0
oracle resident
mte wait /tmp/go >/tmp/mte.out 2>&1 &
mtepid=$!
i=0
while ! grep -q "round 1" /tmp/mte.out && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
equal "a tagged-memory task runs while el2reset is resident" \
	"$(head -n 1 /tmp/mte.out)" "mte: round 1 ok"
echo 1 > $S/reset
equal "reset returns" "$?" 0
oracle handed
touch /tmp/go
wait $mtepid
equal "the same task, after the reset, still uses its tags and takes its tag-check fault (exit 0)" "$?" 0
sed 's/^/    /' /tmp/mte.out
equal "a new task uses tagged memory after the reset" "$(mte)" "mte: round 1 ok"
echo 1 > $S/install
equal "install again" "$?" 0
oracle resident
rmmod el2reset
equal "rmmod" "$?" 0
oracle handed
equal "tagged memory works after unload" "$(mte)" "mte: round 1 ok"
check "no oops, BUG, WARNING or foreign taint" dmesg_clean
