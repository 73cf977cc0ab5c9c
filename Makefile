# SPDX-License-Identifier: GPL-2.0
#
# Native:  make                      (against /lib/modules/$(uname -r)/build)
# Cross:   make KDIR=<headers> ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu-
# Bench:   make setup | demo | check | unit

KDIR ?= /lib/modules/$(shell uname -r)/build

all: modules

modules:
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

clean:
	$(MAKE) -C $(KDIR) M=$(CURDIR) clean 2>/dev/null || \
		rm -rf *.o *.ko *.mod* .*.cmd modules.order Module.symvers module/*.o asm/*.o module/.*.cmd asm/.*.cmd

setup:
	scripts/setup

demo:
	scripts/demo

check: setup
	tests/run

unit:
	$(MAKE) -C tests/unit run

bench: setup
	scripts/bench --write

soak: setup
	tests/run --suite soak --no-unit

.PHONY: all modules clean setup demo check unit bench soak
