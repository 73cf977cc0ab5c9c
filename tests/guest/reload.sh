# SPDX-License-Identifier: GPL-2.0
# el2r.cycles unload/reload cycles (default 100), each resident; memory
# (free pages incl. per-CPU lists, slab) comes back to within one page per
# cycle of where it was.
plan 5
cycles=$(arg el2r.cycles || echo 100)
# free pages, counting those parked on the per-CPU page lists (which
# MemFree leaves out: they would make MemFree drift by hundreds of pages),
# and Slab in pages
mem() {
	sleep 3		# deferred frees: RCU callbacks, module init sections
	sync
	echo 3 > /proc/sys/vm/drop_caches
	free=$(awk '$1 == "nr_free_pages" { f += $2 } $1 == "count:" { f += $2 }
		END { print f }' /proc/zoneinfo)
	slab=$(awk '/^Slab:/ { print int($2 / 4) }' /proc/meminfo)
	echo $free $slab
}
# warm-up: slab caches grow to their steady state (one more slab here and
# there is not a leak; a leak grows with every cycle)
reload_cycles 20
set -- $(mem)
free0=$1 slab0=$2
reload_cycles $cycles
set -- $(mem)
echo "memory: free $free0 -> $1 pages, Slab $slab0 -> $2 pages"
lost=$((free0 - $1))
check "free pages within one page per cycle (lost $lost)" [ "$lost" -le "$cycles" ]
grown=$(($2 - slab0))
check "Slab within one page per cycle (grew $grown)" [ "$grown" -le "$cycles" ]
oracle handed
check "no oops" dmesg_clean
