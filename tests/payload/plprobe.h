/* SPDX-License-Identifier: GPL-2.0 */
/*
 * plprobe.h - the tests' payload (not for users): its calls and its data.
 */
#ifndef PLPROBE_H
#define PLPROBE_H

#define PP_HVC_BASE	0xc6000e80	/* vendor-specific hypervisor calls */
#define PP_HVC_ECHO	(PP_HVC_BASE + 0)	/* x1 + 1, cpu, CurrentEL */
#define PP_HVC_FAULT	(PP_HVC_BASE + 1)	/* a load from VA 0 */
#define PP_HVC_FAIL_STOP (PP_HVC_BASE + 2)	/* stop faults: x1 = 1 */
#define PP_HVC_FAIL_START (PP_HVC_BASE + 3)	/* start faults: x1 = 1 */
#define PP_HVC_OVERFLOW	(PP_HVC_BASE + 4)	/* run off its stack */
#define PP_HVC_CANARY_SET (PP_HVC_BASE + 5)	/* x1 at SP - 512 */
#define PP_HVC_CANARY_GET (PP_HVC_BASE + 6)	/* x1 = what is there */
#define PP_HVC_LAST	PP_HVC_CANARY_GET
#define PP_CANARY_DEPTH	512		/* inside its 1 KiB stack */

#ifndef __ASSEMBLY__
#include <linux/types.h>

struct pp_pcpu {
	u64 starts, stops, calls;
	u64 fail_start, fail_stop;
};

/* plprobe_el2.S */
extern char pp_el2_start[], pp_el2_end[];
extern char pp_el2_on[], pp_el2_off[], pp_el2_hvc[];
#endif

#endif /* PLPROBE_H */
