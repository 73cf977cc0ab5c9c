# SPDX-License-Identifier: GPL-2.0
# Documentation/ABI/{testing,obsolete}/sysfs-kernel-el2reset* document
# exactly the files the module creates, with the modes they state
# (reset/install write-only; an obsolete file is there until it goes);
# counters and the benchmark are in debugfs, not sysfs.
plan 10
finsmod $KO
equal "insmod loads" "$?" 0
(cd $S && find . -type f) | sed 's|^\./||; s|^cpu[0-9]*/|cpuN/|' | sort -u > /tmp/actual
sed -n 's|^What:[[:space:]]*/sys/kernel/el2reset/||p' /tests/sysfs-kernel-el2reset |
	awk '{ if (match($0, /\{[^}]*\}/)) {
		pre = substr($0, 1, RSTART - 1); post = substr($0, RSTART + RLENGTH)
		n = split(substr($0, RSTART + 1, RLENGTH - 2), a, ",")
		for (i = 1; i <= n; i++) print pre a[i] post
	} else print }' | sort -u > /tmp/documented
check "the module creates files ($(wc -l < /tmp/actual))" [ -s /tmp/actual ]
out=$(diff /tmp/documented /tmp/actual)
equal "every file is documented, every documented file exists" "$out" ""
for f in $S/reset $S/install $DBG/bench/run; do
	equal "${f#/sys/kernel/} is write-only for root" "$(ls -l $f | cut -c1-10)" "--w-------"
done
bad=$(cd $S && find . -type f ! -name reset ! -name install -perm /0333)
equal "every other file is read-only" "$bad" ""
# stub_vectors is __hyp_stub_vectors' physical address, computed as the
# oracle's baseline does from the kernel's own records: kallsyms, and the
# end of "Kernel code" in /proc/iomem (the physical address of
# __init_begin - 1; stub_pa, which el2reset-selftest shares)
want=$(stub_pa)
equal "stub_vectors is __hyp_stub_vectors' physical address" "$(cat $S/stub_vectors)" "$want"
end_unloaded
