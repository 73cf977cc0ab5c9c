# SPDX-License-Identifier: GPL-2.0
#
# Native:  make                      (against /lib/modules/$(uname -r)/build)
# Cross:   make KDIR=<headers> ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu-
# DKMS:    make dkms-install | dkms-remove      (as root, on the arm64 machine)
# Harness: make setup | demo | check | check-full | unit | bench | soak |
#          bench-payload |
#          check-dkms | check-mutants | check-fresh | check-kvmhotplug |
#          readme-kernels

KDIR ?= /lib/modules/$(shell uname -r)/build
VERSION := $(shell cat $(CURDIR)/VERSION)

# What DKMS needs of the tree, installed as /usr/src/el2reset-$(VERSION)
DKMS_SRC := $(DESTDIR)/usr/src/el2reset-$(VERSION)
DKMS_FILES := Kbuild Makefile VERSION dkms.conf README.md asm include module

all: modules

modules:
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

clean:
	$(MAKE) -C $(KDIR) M=$(CURDIR) clean 2>/dev/null || \
		rm -rf *.o *.ko *.mod* .*.cmd modules.order Module.symvers module/*.o asm/*.o module/.*.cmd asm/.*.cmd el2r-asm-offsets.h module/asm-offsets.s

dkms-src:
	rm -rf $(DKMS_SRC)
	mkdir -p $(DKMS_SRC)
	cp -r $(DKMS_FILES) $(DKMS_SRC)/

# dkms add (once) + dkms install (builds for the running kernel)
dkms-install: dkms-src
	test -n "$$(dkms status el2reset/$(VERSION))" || \
		dkms add el2reset/$(VERSION)
	dkms install el2reset/$(VERSION)

dkms-remove:
	dkms remove el2reset/$(VERSION) --all
	rm -rf $(DKMS_SRC)

setup:
	scripts/setup

# el2reset-dkms_$(VERSION)_all.deb in build/deb/ (dpkg-buildpackage works
# on a copy: its results land beside the tree it builds)
DEB_DIR := $(CURDIR)/build/deb
deb:
	rm -rf $(DEB_DIR)
	mkdir -p $(DEB_DIR)/el2reset-$(VERSION)
	cp -r $(DKMS_FILES) debian tools examples $(DEB_DIR)/el2reset-$(VERSION)/
	mkdir -p $(DEB_DIR)/el2reset-$(VERSION)/tests/guest-bin
	cp tests/guest-bin/kvmclient.c $(DEB_DIR)/el2reset-$(VERSION)/tests/guest-bin/
	cd $(DEB_DIR)/el2reset-$(VERSION) && dpkg-buildpackage -us -uc -b

demo:
	tests/demo

check: setup
	tests/run

# the example payload's cost: pingpong with and without it, one boot per
# kernel (Documentation/benchmarks.rst, "The example payload")
bench-payload: setup
	tests/run --suite plbench -j1 --no-unit && tests/plbench-report --write && \
		tests/bench --from-csv Documentation/benchmarks --write > /dev/null

# every kernel of scripts/kernels.conf with its whole set (full or core)
check-full: setup
	tests/run --suite full && \
	tests/run --suite full -k 7.3 --row max-mte --no-unit

# what only a newer QEMU models (FEAT_TCR2/S1PIE): QEMU 11.1.3 from
# trixie-backports in its own root (scripts/qemu-root --install-bpo), not CI
check-newqemu: setup
	EL2R_QEMU_ROOT=$${EL2R_QEMU_ROOT:-$${EL2R_CACHE:-$${XDG_CACHE_HOME:-$$HOME/.cache}/el2reset}/roots/trixie-bpo-qemu} \
		scripts/qemu-root --install-bpo && \
	EL2R_QEMU_ROOT=$${EL2R_QEMU_ROOT:-$${EL2R_CACHE:-$${XDG_CACHE_HOME:-$$HOME/.cache}/el2reset}/roots/trixie-bpo-qemu} \
		EL2R_QEMU=scripts/qemu-root tests/run --suite newqemu -j1 && \
	EL2R_QEMU_ROOT=$${EL2R_QEMU_ROOT:-$${EL2R_CACHE:-$${XDG_CACHE_HOME:-$$HOME/.cache}/el2reset}/roots/trixie-bpo-qemu} \
		EL2R_QEMU=scripts/qemu-root tests/run --suite full -k 7.3 \
		--row max-mte --no-unit

# every case on 7.3, on -M virt,mte=on -cpu max (the host's QEMU): MTE,
# PAuth, BTI, SVE; not CI (make check runs 7.3-mte and 7.3-el1-regs; make
# check-full runs this too)
check-features: setup
	tests/run --suite full -k 7.3 --row max-mte --no-unit

# README's "Tested kernels" table from scripts/kernels.conf and the last run
readme-kernels:
	cd tests && python3 -m harness.readme --write-readme

# Documentation/results.rst from every proof's last recorded run
results:
	cd tests && python3 -m harness.results --write

unit:
	$(MAKE) -C tests/unit run

bench: setup
	tests/bench --write

soak: setup
	tests/run --suite soak --no-unit

# KVM's own CPU-hotplug bug on TCG cortex-a57, with and without el2reset
# (Documentation/design.rst "Known limits"): a reproducer, not CI
check-kvmhotplug: setup
	tests/run --suite kvmhotplug --no-unit -j1

# Mutation suite: each tests/mutants/*.mut bug must fail its cases
# mutant 42's case runs on the newer QEMU of check-newqemu (its root made
# once, as there)
check-mutants: setup
	EL2R_QEMU_ROOT=$${EL2R_QEMU_ROOT:-$${EL2R_CACHE:-$${XDG_CACHE_HOME:-$$HOME/.cache}/el2reset}/roots/trixie-bpo-qemu} \
		scripts/qemu-root --install-bpo && \
	EL2R_QEMU_ROOT=$${EL2R_QEMU_ROOT:-$${EL2R_CACHE:-$${XDG_CACHE_HOME:-$$HOME/.cache}/el2reset}/roots/trixie-bpo-qemu} \
		tests/check-mutants

# the last check-mutants' table: what el2reset-selftest, without a
# debugger, caught of the module mutants, and the rate
selftest-detection:
	tests/check-mutants --selftest-table

# dkms install inside an emulated Debian arm64 system (scripts/mkrootfs)
check-dkms: setup
	scripts/mkrootfs
	tests/check-dkms

# The two commands on bare bookworm and trixie roots, empty caches (root;
# about an hour per host on 2 cores; not part of make check)
check-fresh:
	tests/check-fresh

.PHONY: all modules clean setup deb demo check check-full check-newqemu check-features bench-payload readme-kernels results unit selftest-detection \
	bench soak check-dkms check-fresh check-kvmhotplug \
	check-mutants \
	dkms-src dkms-install dkms-remove
