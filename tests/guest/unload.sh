# SPDX-License-Identifier: GPL-2.0
# el2r.cycles (default 3) load/unload cycles, each seen from outside by the
# oracle: resident on every vCPU after insmod, the stub back after rmmod.
# (The memory a cycle leaks is soak-reload100's question: reload.sh.)
cycles=$(arg el2r.cycles || echo 3)
plan $((2 * cycles + 1))
i=1
while [ "$i" -le "$cycles" ]; do
	check "cycle $i: insmod" finsmod $KO
	oracle resident
	check "cycle $i: rmmod" rmmod el2reset
	oracle handed
	i=$((i + 1))
done
check "no oops" dmesg_clean
