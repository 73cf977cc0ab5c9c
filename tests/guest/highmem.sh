# SPDX-License-Identifier: GPL-2.0
# RAM above 4 GiB (-m 6144): el2reset's pages come from the top of memory
# (ZONE_NORMAL first), so its EL2 tables must map and reach physical
# addresses above 32 bits. The oracle walks them there itself.
plan 9
finsmod $KO
equal "insmod loads" "$?" 0
resident_ok "after load"
oracle "resident above=100000000"
echo 1 > $S/reset
equal "reset" "$?" 0
oracle handed
echo 1 > $S/install
equal "install" "$?" 0
oracle "resident above=100000000"
end_unloaded
