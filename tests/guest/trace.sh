# SPDX-License-Identifier: GPL-2.0
# Tracepoints: with el2reset's events enabled in tracefs, a reset through
# sysfs leaves one el2r_cpu record per online CPU and one el2r_round record.
plan 8
ncpu=$(nproc)
T=/sys/kernel/tracing
mount -t tracefs nodev $T 2>/dev/null
finsmod $KO
equal "insmod loads" "$?" 0
check "tracefs lists events/el2reset/el2r_cpu and el2r_round" \
	[ -d $T/events/el2reset/el2r_cpu -a -d $T/events/el2reset/el2r_round ]
echo 1 > $T/events/el2reset/enable
echo > $T/trace
echo 1 > $S/reset
equal "reset" "$?" 0
echo 0 > $T/events/el2reset/enable
cat $T/trace | grep el2r_
bad=""
c=0
while [ $c -lt $ncpu ]; do
	n=$(grep -c "el2r_cpu: cpu=$c teardown event=sysfs result=1 duration_ns=[0-9]" $T/trace)
	[ "$n" = 1 ] || bad="$bad cpu$c:$n"
	c=$((c + 1))
done
equal "one el2r_cpu teardown record per CPU" "$bad" ""
equal "el2r_cpu records in all" "$(grep -c 'el2r_cpu:' $T/trace)" "$ncpu"
equal "one el2r_round record for the reset" \
	"$(grep -c "el2r_round: teardown event=sysfs cpus=$ncpu result=0 duration_ns=[0-9]" $T/trace)" 1
oracle handed
end_unloaded
