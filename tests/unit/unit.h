/* SPDX-License-Identifier: GPL-2.0 */
/* The unit tests' one assertion: a TAP line, counted. */
#ifndef EL2R_UNIT_H
#define EL2R_UNIT_H
#include <stdio.h>

static int n, failed;

static void ok(int cond, const char *what)
{
	n++;
	if (!cond)
		failed++;
	printf("%s %d - %s\n", cond ? "ok" : "not ok", n, what);
}

static int done(void)
{
	printf("%d passed, %d failed\n", n - failed, failed);
	return failed != 0;
}
#endif
