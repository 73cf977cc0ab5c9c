# SPDX-License-Identifier: GPL-2.0
# In-kernel timing for tests/bench: reset and install rounds against a null
# on_each_cpu() round trip and a null HVC round (at el2reset, at the stub),
# same boot; el2r.iters iterations.
plan 16
iters=$(arg el2r.iters || echo 200)
finsmod $KO
equal "insmod loads" "$?" 0
echo $iters > $DBG/bench/run
equal "bench run of $iters iterations" "$?" 0
equal "bad iteration count refused" "$(wr $DBG/bench/run 0)" "wr: Invalid argument"
B=$DBG/bench
to_host "EL2R-BENCH: cpus=$(nproc) iters=$(cat $B/iterations)" \
	"null_p50=$(cat $B/null_ipi_p50_ns) null_p99=$(cat $B/null_ipi_p99_ns)" \
	"hvc_p50=$(cat $B/null_hvc_p50_ns) hvc_p99=$(cat $B/null_hvc_p99_ns)" \
	"stubhvc_p50=$(cat $B/stub_hvc_p50_ns) stubhvc_p99=$(cat $B/stub_hvc_p99_ns)" \
	"reset_p50=$(cat $B/reset_p50_ns) reset_p99=$(cat $B/reset_p99_ns)" \
	"install_p50=$(cat $B/install_p50_ns) install_p99=$(cat $B/install_p99_ns)" \
	"pages=$(cat $DBG/el2_pages)" \
	"calls_reset=$(tr -d . < $B/reset_calls)" \
	"calls_reset_el2=$(tr -d . < $B/reset_el2_calls)" \
	"calls_install=$(tr -d . < $B/install_calls)"
# one HVC per CPU per reset: the reset call alone, as issued and as EL2
# counted it; an install from the stub is status, set-vectors, init
equal "bench: HVCs per CPU per reset round (issued, EL2-counted)" \
	"$(cat $B/reset_calls) $(cat $B/reset_el2_calls)" "1.00 1.00"
equal "bench: HVCs per CPU per install round" "$(cat $B/install_calls)" 3.00
for f in null_ipi null_hvc stub_hvc reset install; do
	v=$(cat $B/${f}_p50_ns)
	check "bench: $f p50 measured ($v ns) and not above its p99" \
		[ "$v" -gt 0 -a "$v" -le "$(cat $B/${f}_p99_ns)" ]
done
# the pages el2reset's EL2 tables use and map, counted from outside
oracle footprint
resident_ok "after the benchmark"
end_unloaded
