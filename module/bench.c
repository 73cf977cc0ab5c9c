// SPDX-License-Identifier: GPL-2.0
/*
 * bench.c - in-kernel timing of a teardown round and an install round
 * against the floor of the same operation, in the same boot, so a
 * benchmark can report ratios (absolute times under emulation mean little):
 * a null on_each_cpu() round trip, and a null HVC round (every CPU issues
 * el2reset's status call: el2reset answers it while resident, the
 * hyp-stub answers it with HVC_STUB_ERR after a teardown, so both EL2
 * owners' cheapest round trip is measured).
 *
 * Its files are in debugfs (stats.c): bench/run (0200) N runs N
 * iterations; bench/<what>_<p50|p99>_ns the median and p99 in ns of
 * null_ipi, reset, install; bench/<round>_calls the HVCs per CPU per
 * round (reset: issued, and as EL2 counted them; install: issued).
 */
#include <linux/math64.h>
#include <linux/minmax.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/sort.h>
#include <linux/timekeeping.h>

#include "el2reset.h"
#include "el2reset_abi.h"

#define EL2R_BENCH_CHUNK	64	/* rounds per hold of the locks */

#define B_NULL		EL2R_BENCH_NULL_IPI
#define B_HVC		EL2R_BENCH_NULL_HVC
#define B_STUB_HVC	EL2R_BENCH_STUB_HVC
#define B_RESET		EL2R_BENCH_RESET
#define B_INSTALL	EL2R_BENCH_INSTALL
#define B_NR		EL2R_BENCH_NR

/* Timed rounds: not counted as events, nothing reclaimed */
static const struct el2r_round el2r_bench_reset = {
	.install = false, .ev = EL2R_EV_BENCH,
};

static const struct el2r_round el2r_bench_install = {
	.install = true, .ev = EL2R_EV_BENCH,
};

static u64 el2r_bench_p50[B_NR], el2r_bench_p99[B_NR];
static unsigned int el2r_bench_iters;
static unsigned int el2r_bench_calls_x100[EL2R_CALLS_NR];

/* EL2's own count of the calls it handled with its MMU on, all CPUs */
static u64 el2r_el2_calls(void)
{
	const struct el2r_pcpu *slot;
	unsigned int cpu;
	u64 n = 0;

	for_each_possible_cpu(cpu) {
		slot = el2r_image_slot(cpu);
		if (slot)
			n += READ_ONCE(slot->nr_calls);
	}
	return n;
}

/* @n calls in @rounds rounds of every online CPU, per CPU per round x100 */
static unsigned int el2r_per_cpu_round(u64 n, unsigned int rounds)
{
	return div_u64(n * 100, (u64)rounds * num_online_cpus());
}

static void el2r_nop(void *unused)
{
}

/*
 * The cheapest round trip to EL2 on this CPU: the status call (answered by
 * el2reset, or by the stub's unknown-call path). Never on a CPU el2reset
 * leaves alone (yielded to KVM, faulted, no EL2).
 */
static void el2r_null_hvc(void *unused)
{
	struct el2r_hvc_res res;

	if (!el2r_cpu_left_alone(smp_processor_id()))
		el2r_probe_this_cpu(&res);
}

static int el2r_cmp_u64(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

/* Time @iters rounds of each kind; -EAGAIN unless resident. */
int el2r_bench_run(unsigned int iters)
{
	u64 *t[B_NR];
	unsigned int i, k;
	u64 calls[EL2R_CALLS_NR] = { 0 };
	int ret = 0;

	for (k = 0; k < B_NR; k++)
		t[k] = kvmalloc_array(iters, sizeof(u64), GFP_KERNEL);
	for (k = 0; k < B_NR; k++) {
		if (!t[k]) {
			ret = -ENOMEM;
			goto out;
		}
	}
	/*
	 * In chunks: CPU hotplug and the other users of el2r_lock wait for at
	 * most EL2R_BENCH_CHUNK rounds, never for the whole run.
	 */
	for (i = 0; i < iters && !ret; ) {
		unsigned int end = min(iters, i + EL2R_BENCH_CHUNK);

		el2r_rounds_lock();
		if (!el2r_resident_wanted())
			ret = -EAGAIN;		/* install first */
		for (; i < end && !ret; i++) {
			u64 t0, t1, t2, t3, t4, t5, h2, h3, e2, h5;

			/*
			 * An untimed round before each floor: the floors are
			 * not charged with what the install or reset before
			 * them left behind (an emulator refills its whole TLB
			 * after an SCTLR_EL2/TTBR0_EL2 write); reset and
			 * install carry their own aftermath, as they must.
			 */
			on_each_cpu(el2r_nop, NULL, 1);
			t0 = ktime_get_ns();
			on_each_cpu(el2r_nop, NULL, 1);
			t1 = ktime_get_ns();
			on_each_cpu(el2r_null_hvc, NULL, 1);
			h2 = el2r_hvcs_issued();
			e2 = el2r_el2_calls();
			t2 = ktime_get_ns();
			ret = el2r_round(&el2r_bench_reset);
			t3 = ktime_get_ns();
			h3 = el2r_hvcs_issued();
			calls[EL2R_CALLS_RESET] += h3 - h2;
			calls[EL2R_CALLS_RESET_EL2] += el2r_el2_calls() - e2;
			on_each_cpu(el2r_nop, NULL, 1);
			t4 = ktime_get_ns();
			on_each_cpu(el2r_null_hvc, NULL, 1);	/* the stub */
			h5 = el2r_hvcs_issued();
			t5 = ktime_get_ns();
			ret = ret ?: el2r_round(&el2r_bench_install);
			calls[EL2R_CALLS_INSTALL] += el2r_hvcs_issued() - h5;
			t[B_NULL][i] = t1 - t0;
			t[B_HVC][i] = t2 - t1;
			t[B_RESET][i] = t3 - t2;
			t[B_STUB_HVC][i] = t5 - t4;
			t[B_INSTALL][i] = ktime_get_ns() - t5;
		}
		el2r_rounds_unlock();
		cond_resched();
	}
	if (!ret) {
		for (k = 0; k < B_NR; k++) {
			sort(t[k], iters, sizeof(u64), el2r_cmp_u64, NULL);
			el2r_bench_p50[k] = t[k][iters / 2];
			el2r_bench_p99[k] = t[k][(iters * 99) / 100];
		}
		for (k = 0; k < EL2R_CALLS_NR; k++)
			el2r_bench_calls_x100[k] =
				el2r_per_cpu_round(calls[k], iters);
		el2r_bench_iters = iters;
	}
out:
	for (k = 0; k < B_NR; k++)
		kvfree(t[k]);
	return ret;
}

unsigned int el2r_bench_iterations(void)
{
	return READ_ONCE(el2r_bench_iters);
}

/* Calls per CPU per round of the last run (enum el2r_bench_calls), x100 */
unsigned int el2r_bench_calls(unsigned int what)
{
	return what < EL2R_CALLS_NR ? READ_ONCE(el2r_bench_calls_x100[what]) : 0;
}

/* Median (or p99) of the last run's @what rounds, in ns. */
u64 el2r_bench_ns(unsigned int what, bool p99)
{
	if (what >= B_NR)
		return 0;
	return p99 ? READ_ONCE(el2r_bench_p99[what]) :
		     READ_ONCE(el2r_bench_p50[what]);
}
