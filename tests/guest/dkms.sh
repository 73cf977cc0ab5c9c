# SPDX-License-Identifier: GPL-2.0
# The DKMS proof, run by systemd (el2r-guest.service, see scripts/mkrootfs)
# inside the emulated Debian bookworm arm64 system that tests/check-dkms
# boots; /bin/sh is dash here, not busybox. The bench disk unpacks to
# /run/el2r: this script, lib.sh and the el2reset source tree.
#
# Boot 1: "make dkms-install" from the source tree (dkms add + dkms install
#         for the running kernel, built there with Debian's gcc and headers),
#         modprobe el2reset, ask it to be loaded at boot, reboot.
# Boot 2: still installed for the kernel and loaded at boot by
#         systemd-modules-load; then "dkms unbuild" it (uninstalled, build
#         deleted, still added) and run the hook Debian runs when a kernel
#         is installed (/etc/kernel/postinst.d/dkms): AUTOINSTALL builds and
#         installs it again.
D=/run/el2r
. $D/lib.sh
V=$(cat $D/el2reset/VERSION)
K=$(uname -r)
ST=/var/lib/el2r-dkms
mkdir -p $ST
boot=$(($(cat $ST/boots 2>/dev/null || echo 0) + 1))
echo $boot >$ST/boots
sync

# The gdbstub oracle: the request goes to the console through the journal
# (StandardOutput=journal+console), the host's answer is read from the serial
# line, where nothing else reads (serial-getty is masked on the kernel
# command line). The host answers only after the request has reached it and
# gdb has run, by then this read waits.
oracle() {
	echo "EL2R-ORACLE: $*"
	read -r reply </dev/ttyAMA0
	echo "oracle: $reply"
}

# installed: dkms lists el2reset/V as installed for this kernel
installed() {
	dkms status "el2reset/$V" -k "$K" | grep ': installed' >/dev/null
}

not_installed() {
	! installed
}

ko_path() {
	modinfo -n el2reset 2>/dev/null
}

# gone: neither modprobe nor the DKMS tree has a module for this kernel
gone() {
	! ko_path >/dev/null && ! test -e "/lib/modules/$K/updates/dkms/el2reset.ko"
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

echo "EL2R-BOOTED kernel=$K test=dkms boot=$boot cpus=$(nproc)"
case $boot in
1)
	check "dkms is installed ($(dpkg-query -W -f '${Version}' dkms))" \
		command -v dkms
	check "headers of the running kernel $K are installed" \
		test -d "/lib/modules/$K/build"
	check "el2reset is not installed yet" not_installed
	baseline
	t0=$(date +%s)
	check "make dkms-install from the source tree" \
		sh -c "make -C $D/el2reset dkms-install >$D/install.log 2>&1"
	echo "dkms-install took $(($(date +%s) - t0))s"
	sed 's/^/    /' $D/install.log
	dkms status
	check "dkms status: el2reset/$V installed for $K" installed
	equal "modinfo -n: the DKMS build for $K" "$(ko_path)" \
		"/lib/modules/$K/updates/dkms/el2reset.ko"
	equal "modinfo version" "$(modinfo -F version el2reset)" "$V"
	check "modprobe el2reset" modprobe el2reset
	loaded_ok "after modprobe"
	echo el2reset >/etc/modules-load.d/el2reset.conf
	check "no oops or warning in dmesg" dmesg_clean
	tap_plan
	echo "EL2R-REBOOT"
	sync
	systemctl --no-block reboot
	;;
2)
	check "dkms status: el2reset/$V still installed for $K after reboot" \
		installed
	check "loaded at boot by systemd-modules-load" loaded_at_boot
	# loaded before this script: the stub address from the kernel's
	# records and the Image alone (no pre-load VBAR_EL2 to read)
	baseline loaded=1
	dmesg | grep 'el2reset:' | sed 's/^/    /'
	loaded_ok "after reboot"
	check "modprobe -r el2reset" modprobe -r el2reset
	check "unloaded" not_loaded
	oracle handed
	check "dkms unbuild for $K (uninstalls, deletes the build)" \
		dkms unbuild "el2reset/$V" -k "$K"
	check "uninstalled: no module for $K" gone
	equal "dkms status: only added" "$(dkms status el2reset/$V 2>/dev/null)" \
		"el2reset/$V: added"
	t0=$(date +%s)
	check "AUTOINSTALL: Debian's kernel postinst hook reinstalls it" \
		sh -c "/etc/kernel/postinst.d/dkms $K >$D/auto.log 2>&1"
	echo "autoinstall took $(($(date +%s) - t0))s"
	sed 's/^/    /' $D/auto.log
	check "dkms status: installed again" installed
	check "AUTOINSTALL built it again (not only reinstalled)" \
		grep -q 'Building module' $D/auto.log
	check "modprobe el2reset (autoinstalled build)" modprobe el2reset
	loaded_ok "after autoinstall"
	check "modprobe -r el2reset" modprobe -r el2reset
	check "no oops or warning in dmesg" dmesg_clean
	tap_plan
	echo "EL2R-END"
	sync
	systemctl --no-block poweroff
	;;
*)
	not_ok "boot $boot: the proof takes two boots"
	systemctl --no-block poweroff
	;;
esac
