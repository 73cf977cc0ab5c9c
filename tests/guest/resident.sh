# SPDX-License-Identifier: GPL-2.0
# Residency and teardown: the module owns EL2 with its MMU on while loaded,
# /sys/kernel/el2reset/reset hands it back, install takes it again; bad
# input changes nothing; unload/reload cycles; the gdbstub oracle confirms.
plan 57
ncpu=$(nproc)
finsmod $KO
equal "insmod loads" "$?" 0
check "dmesg says resident" dmesg_has "el2reset: loaded: resident at EL2 on all $ncpu online CPUs"
resident_ok "after load"
# loaded as users load it: the EL2 image holds no test call (no code that
# injects a fault or leaves a trap at EL2), only zeros where they would be
oracle "resident tests=absent"
every_cpu "EL2 counted one init per CPU" el2/inits '[ "$v" = 1 ]'
every_cpu "one install per CPU at load" installs/load '[ "$v" = 1 ]'
equal "resident reads 1" "$(cat $S/resident)" 1
pages=$(cat $DBG/el2_pages)
check "EL2 footprint is at most 6 pages + 1 per CPU ($pages)" [ "$pages" -le $((6 + ncpu)) ]

echo 1 > $S/reset
equal "echo 1 > reset succeeds" "$?" 0
stub_ok "after reset"
oracle handed
equal "resident reads 0" "$(cat $S/resident)" 0
equal "last_result is ok" "$(cat $S/last_result)" ok
every_cpu "one sysfs teardown per CPU" teardowns/sysfs '[ "$v" = 1 ]'
every_cpu "status registers unreadable at the stub" sctlr_el2 '[ "$v" = - ]'
echo 1 > $S/reset
equal "a second reset is a no-op that succeeds" "$?" 0

echo 1 > $S/install
equal "echo 1 > install succeeds" "$?" 0
resident_ok "after re-install"

# Bad input: -EINVAL, nothing changes (still resident)
for bad in 0 2 abc "1 1" " 1" "-1" "0x1" "11"; do
	out=$(wr $S/reset "$bad")
	equal "reset '$bad' is refused with EINVAL" "$out" "wr: Invalid argument"
done
equal "reset '\\n' (empty line) is refused with EINVAL" "$(wr $S/reset '
')" "wr: Invalid argument"
equal "4 KiB of garbage is refused with EINVAL" "$(wr $S/reset -g 4096)" "wr: Invalid argument"
equal "install 'abc' is refused with EINVAL" "$(wr $S/install abc)" "wr: Invalid argument"
equal "a zero-length write changes nothing" "$(wr $S/reset -z)" "wr: ok"
resident_ok "after bad writes"
# the control: a non-root process reaches sysfs (the refusals below are the
# files' own modes, not a path it cannot walk)
equal "a non-root read of resident works" "$(asuser 1000 cat $S/resident)" 1
equal "a non-root write to reset is refused" "$(wr -u 1000 $S/reset 1)" "wr: Permission denied"
equal "a non-root write to install is refused" "$(wr -u 1000 $S/install 1)" "wr: Permission denied"
equal "reset is write-only" "$(ls -l $S/reset | cut -c1-10)" "--w-------"
resident_ok "after non-root writes"

# 100 install/reset rounds
fails=0
i=0
while [ $i -lt 100 ]; do
	echo 1 > $S/reset || fails=$((fails + 1))
	echo 1 > $S/install || fails=$((fails + 1))
	i=$((i + 1))
done
equal "100 reset/install rounds all succeed" "$fails" 0
every_cpu "each CPU counted 101 sysfs installs" installs/sysfs '[ "$v" = 101 ]'
every_cpu "EL2 counted 102 inits per CPU" el2/inits '[ "$v" = 102 ]'
resident_ok "after 100 rounds"

rmmod el2reset
equal "rmmod works while resident" "$?" 0
check "dmesg says handed back at unload" dmesg_has "el2reset: unloaded: EL2 handed back to the hyp-stub"
oracle handed

reload_cycles 20
oracle handed
check "no oops, BUG, WARNING or foreign taint" dmesg_clean
