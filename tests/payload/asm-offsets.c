// SPDX-License-Identifier: GPL-2.0
/* asm-offsets.c - the layouts plprobe_el2.S reads. Never linked. */
#include <linux/kbuild.h>
#include <linux/stddef.h>

#include "el2reset_payload.h"
#include "plprobe.h"

int main(void)
{
	DEFINE(REGS_X0, offsetof(struct el2r_payload_regs, x));
	DEFINE(PP_STARTS, offsetof(struct pp_pcpu, starts));
	DEFINE(PP_STOPS, offsetof(struct pp_pcpu, stops));
	DEFINE(PP_CALLS, offsetof(struct pp_pcpu, calls));
	DEFINE(PP_FAIL_START, offsetof(struct pp_pcpu, fail_start));
	DEFINE(PP_FAIL_STOP, offsetof(struct pp_pcpu, fail_stop));
	return 0;
}
