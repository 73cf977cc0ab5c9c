# SPDX-License-Identifier: GPL-2.0
# el2r.cycles unload/reload cycles (default 100), each resident; memory
# (MemFree, slab) comes back to within one page per cycle of where it was.
cycles=$(arg el2r.cycles || echo 100)
mem() {
	sync
	echo 3 > /proc/sys/vm/drop_caches
	awk '/^MemFree:/ { f = $2 } /^Slab:/ { s = $2 } END { print f, s }' /proc/meminfo
}
finsmod $KO && rmmod el2reset	# first load: module loader caches settle
set -- $(mem)
free0=$1 slab0=$2
reload_cycles $cycles
set -- $(mem)
echo "memory: MemFree $free0 -> $1 kB, Slab $slab0 -> $2 kB"
lost=$(( (free0 - $1) / 4 ))
check "MemFree within one page per cycle (lost $lost pages)" [ "$lost" -le "$cycles" ]
grown=$(( ($2 - slab0) / 4 ))
check "Slab within one page per cycle (grew $grown pages)" [ "$grown" -le "$cycles" ]
oracle "vbar=any mmu=off"
check "no oops" dmesg_clean
