# SPDX-License-Identifier: GPL-2.0
# The DKMS proof, run by systemd (el2r-guest.service, see scripts/mkrootfs)
# inside the emulated Debian trixie arm64 system that tests/check-dkms
# boots; /bin/sh is dash here, not busybox. The test disk unpacks to
# /run/el2r: this script, lib.sh, el2reset-checks.sh, oracle-hook.sh,
# el2reset-dkms_<version>_all.deb and debs/ (kexec-tools).
#
# Boot 1 (trixie's kernel): apt install the package: DKMS builds, signs
#         (the machine's MOK key) and installs el2reset for the running
#         kernel; apt install kexec-tools; the installed el2reset-selftest,
#         plainly, then with --report --kexec: the oracle reads EL2 at each
#         point it names (EL2RESET_SELFTEST_HOOK), last at machine_kexec().
# Boot 2 (the same kernel, after that kexec): the package's
#         el2reset-selftest-kexec.service said every CPU started at EL2,
#         the oracle's baseline reads the stub on every vCPU; modprobe +
#         oracle; ask for it at boot; then the kernel upgrade: apt install
#         trixie-backports' kernel and headers from /opt/el2r-upgrade;
#         Debian's kernel hooks make DKMS build el2reset for it
#         (AUTOINSTALL). Names the new kernel and initramfs in /el2r-next/
#         for the host, powers off.
# Boot 3 (the new kernel): el2reset loaded at boot by systemd-modules-load
#         (oracle), unloaded (oracle), apt purge el2reset-dkms: nothing of
#         it left in /usr/src, /var/lib/dkms or any /lib/modules/*/updates.
D=/run/el2r
EL2R_LIBDIR=$D
. $D/lib.sh
# tap_plan: this boot's count, printed at its end: the DKMS proof's boots
# still count as they go instead of declaring their plan first (the host
# accepts that only from check-dkms: qemu.Boot(plan_first=False))
tap_plan() { to_host "EL2R-PLAN: 1..$TAPN"; }
DEB=$(ls $D/el2reset-dkms_*_all.deb)
V=${DEB##*/el2reset-dkms_}
V=${V%_all.deb}
K=$(uname -r)
ST=/var/lib/el2r-dkms
mkdir -p $ST
boot=$(($(cat $ST/boots 2>/dev/null || echo 0) + 1))
echo $boot >$ST/boots
sync

# installed_for KERNEL: dkms lists el2reset/V as installed for KERNEL
installed_for() {
	[ -n "$1" ] &&
		dkms status "el2reset/$V" -k "$1" | grep ': installed' >/dev/null
}

installed() {
	installed_for "$K"
}

not_installed() {
	! installed
}

loaded() {
	grep -q '^el2reset ' /proc/modules
}

not_loaded() {
	! loaded
}

loaded_at_boot() {
	[ "$(systemctl show -P ExecMainStatus systemd-modules-load)" = 0 ] &&
		loaded
}

loaded_ok() {
	equal "$1: /sys/kernel/el2reset/resident" "$(cat $S/resident 2>/dev/null)" 1
	resident_ok "$1"
	oracle resident
}

# signed_by_mok: the module DKMS installed carries a signature by the key
# whose certificate DKMS enrols as the machine owner key (mok.pub)
signed_by_mok() {
	signer=$(modinfo -F signer el2reset)
	cn=$(openssl x509 -inform DER -in /var/lib/dkms/mok.pub -noout \
		-subject -nameopt multiline 2>/dev/null |
		sed -n 's/^ *commonName *= *//p')
	echo "modinfo signer: '$signer'; mok.pub CN: '$cn'"
	[ -n "$signer" ] && [ "$signer" = "$cn" ]
}

# nothing_left: no el2reset source, DKMS state, module or self-test state
# anywhere
nothing_left() {
	left=$(ls -d /usr/src/el2reset-* /var/lib/dkms/el2reset \
		/lib/modules/*/updates/dkms/el2reset.ko* \
		/var/lib/el2reset-selftest 2>/dev/null)
	echo "left after purge: '$left'"
	[ -z "$left" ]
}

# unload_purge_end: the last boot's end, with or without the upgrade:
# unload (the oracle reads every CPU handed), purge the package, nothing
# of it left, a clean dmesg, the plan, and power off
unload_purge_end() {
	check "modprobe -r el2reset" modprobe -r el2reset
	check "unloaded" not_loaded
	oracle handed
	check "apt purge el2reset-dkms" \
		sh -c "DEBIAN_FRONTEND=noninteractive apt-get purge -y el2reset-dkms >$D/purge.log 2>&1"
	sed 's/^/    /' $D/purge.log
	check "purged: dpkg no longer knows el2reset-dkms" \
		sh -c '! dpkg-query -W -f "\${Status}" el2reset-dkms 2>/dev/null | grep -q installed'
	check "nothing left in /usr/src, /var/lib/dkms, /lib/modules/*/updates, /var/lib/el2reset-selftest" \
		nothing_left
	check "no oops or warning in dmesg" dmesg_clean
	tap_plan
	to_host_last "EL2R-END"
	sync
	systemctl --no-block poweroff
	exit 0
}

to_host "EL2R-BOOTED kernel=$K test=dkms boot=$boot cpus=$(nproc)"
case $boot in
1)
	check "dkms is installed ($(dpkg-query -W -f '${Version}' dkms))" \
		command -v dkms
	check "headers of the running kernel $K are installed" \
		test -d "/lib/modules/$K/build"
	check "el2reset is not installed yet" not_installed
	baseline
	t0=$(date +%s)
	check "apt install ./el2reset-dkms_${V}_all.deb" \
		sh -c "DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $DEB >$D/install.log 2>&1"
	echo "apt install took $(($(date +%s) - t0))s"
	sed 's/^/    /' $D/install.log
	dkms status
	check "dkms status: el2reset/$V installed for $K" installed
	# trixie's DKMS compresses the module as the kernel's config says
	check "modinfo -n: the DKMS build for $K ($(modinfo -n el2reset))" \
		sh -c "modinfo -n el2reset | grep -qx '/lib/modules/$K/updates/dkms/el2reset\.ko\(\.xz\|\.zst\|\.gz\)\?'"
	equal "modinfo version" "$(modinfo -F version el2reset)" "$V"
	check "signed with the machine's DKMS MOK key (modinfo -F signer)" \
		signed_by_mok
	check "the package installs el2reset-selftest, its man page and its kexec unit" \
		test -x /usr/sbin/el2reset-selftest -a \
		-f /usr/share/man/man8/el2reset-selftest.8.gz -a \
		-n "$(systemctl list-unit-files el2reset-selftest-kexec.service | grep enabled)"
	check "the installed checks are the ones this harness sources (tools/el2reset-checks.sh)" \
		cmp /usr/share/el2reset/el2reset-checks.sh $D/el2reset-checks.sh
	# what a user does before --kexec; no question asked about reboots
	echo "kexec-tools kexec-tools/load_kexec boolean false" | debconf-set-selections
	check "apt install kexec-tools" \
		sh -c "DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $D/debs/*.deb >$D/kexec-tools.log 2>&1"
	sed 's/^/    /' $D/kexec-tools.log
	# kexec-tools must not load another kernel at shutdown
	[ ! -f /etc/default/kexec ] ||
		sed -i 's/^LOAD_KEXEC=.*/LOAD_KEXEC=false/' /etc/default/kexec
	check "el2reset is not loaded before the self-test" not_loaded
	export EL2RESET_SELFTEST_HOOK="sh $D/oracle-hook.sh"
	el2reset-selftest >$ST/selftest.out 2>&1
	selftest_results $ST/selftest.out $?
	check "the self-test left el2reset unloaded, as it found it" not_loaded
	tap_plan
	# the machine goes down inside: its results are read in boot 2
	el2reset-selftest --report --kexec 2>&1 | tee $ST/kexec-run.out
	not_ok "el2reset-selftest --kexec returned"
	tap_plan
	systemctl --no-block poweroff
	;;
2)
	check "this boot is the kexec of $(sed -n 's/^kernel=//p' /var/lib/el2reset-selftest/kexec)" \
		grep -q 'el2reset_selftest.kexec=' /proc/cmdline
	# the pre-kexec run of el2reset-selftest --report --kexec: the
	# machine went down inside it
	selftest_results $ST/kexec-run.out -
	check "the --kexec run reached the kexec" \
		grep -q '^# step: kexec into' $ST/kexec-run.out
	# the unit's own result, on this boot (it may still be running)
	i=0
	while [ $i -lt 300 ] && [ ! -s /var/lib/el2reset-selftest/kexec-result -o \
		"$(systemctl show -P ActiveState el2reset-selftest-kexec.service)" = activating ]; do
		sleep 1
		i=$((i + 1))
	done
	journalctl -b -u el2reset-selftest-kexec.service --no-pager | sed 's/^/    /'
	cp /var/lib/el2reset-selftest/kexec-result $ST/kexec-result 2>/dev/null
	selftest_results $ST/kexec-result \
		"$(systemctl show -P ExecMainStatus el2reset-selftest-kexec.service)"
	# the oracle: every vCPU at the stub before anything loads
	baseline
	check "modprobe el2reset after the kexec" modprobe el2reset
	loaded_ok "after the kexec"
	if [ -f $D/no-upgrade ]; then
		# tests/check-dkms --no-upgrade: the self-test's part only
		unload_purge_end
	fi
	echo el2reset >/etc/modules-load.d/el2reset.conf
	# the kernel upgrade, from trixie-backports (.debs: no network here)
	t0=$(date +%s)
	check "apt install trixie-backports' kernel and headers" \
		sh -c "DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends /opt/el2r-upgrade/*.deb >$D/upgrade.log 2>&1"
	echo "kernel upgrade took $(($(date +%s) - t0))s"
	# what DKMS and the kernel hooks said, and how apt ended
	grep -iE 'dkms|el2reset|error|warning|^E:' $D/upgrade.log | sed 's/^/    /'
	tail -n 5 $D/upgrade.log | sed 's/^/    /'
	new=$(ls /lib/modules | grep -vx "$K" | sort -V | tail -n 1)
	check "a new kernel is installed ($new)" test -n "$new"
	check "DKMS built and installed el2reset for $new by itself" \
		installed_for "$new"
	check "the module for $new is there" \
		sh -c "ls /lib/modules/$new/updates/dkms/el2reset.ko*"
	mkdir -p /el2r-next
	ls -l /boot "/lib/modules/$new" | sed 's/^/    /'
	# 7.x keeps the image in /lib/modules/<release>/ too
	vmlinuz=$(ls "/boot/vmlinuz-$new" /lib/modules/$new/vmlinuz* 2>/dev/null |
		head -n 1)
	cp "$vmlinuz" /el2r-next/vmlinuz &&
		cp "/boot/initrd.img-$new" /el2r-next/initrd &&
		echo "$new" >/el2r-next/release
	check "the new kernel and its initramfs are in /boot" \
		test -s /el2r-next/initrd
	check "modprobe -r el2reset" modprobe -r el2reset
	oracle handed
	check "no oops or warning in dmesg" dmesg_clean
	tap_plan
	to_host "EL2R-UPGRADED"
	sync
	systemctl --no-block poweroff
	;;
3)
	check "dkms status: el2reset/$V installed for the new kernel $K" \
		installed
	check "loaded at boot by systemd-modules-load" loaded_at_boot
	# loaded before this script: the stub address from the kernel's
	# records and the Image alone (no pre-load VBAR_EL2 to read)
	baseline loaded=1
	dmesg | grep 'el2reset:' | sed 's/^/    /'
	loaded_ok "on the upgraded kernel"
	unload_purge_end
	;;
*)
	not_ok "boot $boot: the proof takes three boots"
	systemctl --no-block poweroff
	;;
esac
