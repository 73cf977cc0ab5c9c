# SPDX-License-Identifier: GPL-2.0
# The example payload's cost (make bench-payload, Documentation/
# benchmarks.rst): pingpong's round trips (two context switches each, both
# processes on CPU 0) without the tracer and with it, alternately,
# el2r.rounds times in one boot; prints each median and their ratio, and
# the traps a round trip cost. No timing is asserted.
plan 5
rounds=$(arg el2r.rounds || echo 5)
n=$(arg el2r.n || echo 20000)
finsmod $KO
equal "el2reset loads" "$?" 0
# pp_ns: one pingpong run's nanoseconds
pp_ns() { pingpong $n | sed -n 's/.* in \([0-9]*\) ns$/\1/p'; }
# traps0: the tracer's traps on CPU 0 so far
traps0() { sed -n 's/^cpu0 .* traps=\([0-9]*\).*/\1/p' $TVM/counts; }
without="" with="" traps=0 bad=0
r=1
while [ $r -le $rounds ]; do
	without="$without $(pp_ns)"
	insmod $TVM_KO || bad=$((bad + 1))
	t=$(traps0)
	with="$with $(pp_ns)"
	traps=$((traps + $(traps0) - t))
	# the last round's split by register, on CPU 0 (a fresh data area
	# each load: that round's counts, its own start included)
	split=$(sed -n 's/^cpu0 running=1 //p' $TVM/counts | tr ' ' '\n' |
		awk -F= -v n=$n '$2 > 0 && $1 != "starts" && $1 != "stops" { printf "%s%s/trip=%.2f", sep, $1, $2 / n; sep = "," }')
	rmmod el2r_tvm_trace || bad=$((bad + 1))
	r=$((r + 1))
done
equal "the tracer loaded and unloaded $rounds times" "$bad" 0
median() { echo "$@" | tr ' ' '\n' | grep . | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
mw=$(median $without) mt=$(median $with)
echo "PLBENCH $(uname -r) rounds=$rounds trips=$n without_ns=$mw with_ns=$mt" \
	"ratio=$(awk -v a=$mt -v b=$mw 'BEGIN { printf "%.3f", a / b }')" \
	"traps_per_trip=$(awk -v t=$traps -v n=$((n * rounds)) 'BEGIN { printf "%.2f", t / n }')" \
	"cpu0=$split"
check "the tracer trapped while pingpong ran ($traps)" [ "$traps" -gt 0 ]
end_unloaded
