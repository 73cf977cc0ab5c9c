// SPDX-License-Identifier: GPL-2.0
/*
 * round.c - rounds: every online CPU installs, or tears down, in one IPI,
 * and the result of the last round.
 *
 * A round is described by what it does (struct el2r_round): install or
 * tear down, take back CPUs an explicit install may reclaim or not, count
 * each CPU's change under its event or not, and, for the last teardown
 * before a reboot or kexec, latch that the system is going down.
 *
 * One lock (el2r_lock) under the CPU hotplug lock serialises every round;
 * the CPU hotplug callbacks run under the hotplug write lock, so they
 * exclude the rounds without taking el2r_lock.
 */
#include <linux/cpu.h>
#include <linux/mutex.h>
#include <linux/percpu.h>
#include <linux/smp.h>
#include <linux/string.h>

#include "el2reset.h"
#include "trace.h"

/* Serialises the rounds and the writers of the state below. */
static DEFINE_MUTEX(el2r_lock);

/* el2reset wants to be resident: the last round installed */
static bool el2r_want_resident;
/*
 * The reboot/kexec teardown ran: nothing installs again (as KVM's
 * kvm_rebooting). Never cleared: the next thing this kernel does is go.
 */
static bool el2r_going_down;
static char el2r_last_result[128] = "none";
static DEFINE_PER_CPU(int, el2r_ipi_ret);

bool el2r_resident_wanted(void)
{
	return READ_ONCE(el2r_want_resident);
}

bool el2r_shutting_down(void)
{
	return READ_ONCE(el2r_going_down);
}

/* "ok", or the CPUs whose last round failed, with their errors */
ssize_t el2r_last_result_show(char *buf)
{
	ssize_t n;

	mutex_lock(&el2r_lock);
	n = sysfs_emit(buf, "%s\n", el2r_last_result);
	mutex_unlock(&el2r_lock);
	return n;
}

/*
 * The locks of every round, in their one order: CPU hotplug (no CPU comes
 * or goes during a round), then el2reset's own (one round at a time).
 */
void el2r_rounds_lock(void)
{
	cpus_read_lock();
	mutex_lock(&el2r_lock);
}

void el2r_rounds_unlock(void)
{
	mutex_unlock(&el2r_lock);
	cpus_read_unlock();
}

static void el2r_round_ipi(void *arg)
{
	const struct el2r_round *r = arg;

	if (r->reclaim)
		el2r_reclaim_this_cpu();
	this_cpu_write(el2r_ipi_ret, el2r_this_cpu(r->install, r->ev));
}

/*
 * One IPI round: every online CPU runs the install or teardown in parallel
 * and we wait for all. Each CPU reports its result; failures are named in
 * the log and in last_result.
 */
static int el2r_round_once(const struct el2r_round *r)
{
	const char *what = r->install ? "install" : "teardown";
	u64 t0 = ktime_get_ns();
	unsigned int cpu;
	int len = 0, ret = 0;

	lockdep_assert_held(&el2r_lock);

	on_each_cpu(el2r_round_ipi, (void *)r, 1);
	for_each_online_cpu(cpu) {
		int res = per_cpu(el2r_ipi_ret, cpu);

		if (res >= 0) {
			if (res && r->counted)
				el2r_count_event(cpu, r->install, r->ev);
			continue;
		}
		pr_err("CPU%u: %s (%s) failed: %d\n", cpu, what,
		       el2r_event_name(r->ev), res);
		len += scnprintf(el2r_last_result + len,
				 sizeof(el2r_last_result) - len, "%scpu%u:%d",
				 len ? " " : "", cpu, res);
		ret = ret ?: res;
	}
	if (!ret)
		scnprintf(el2r_last_result, sizeof(el2r_last_result), "ok");
	trace_el2r_round(r->install, r->ev, num_online_cpus(), ret,
			 ktime_get_ns() - t0);
	return ret;
}

/*
 * All or nothing: if the install fails on some CPU, the CPUs that did
 * install are taken back, by the same kind of round. last_result names
 * the CPUs whose install failed, then any whose roll-back failed.
 */
static int el2r_install_round(const struct el2r_round *r)
{
	struct el2r_round back = *r;
	char failed[sizeof(el2r_last_result)];
	char undo[sizeof(el2r_last_result)] = "";
	int ret;

	if (el2r_going_down) {
		scnprintf(el2r_last_result, sizeof(el2r_last_result),
			  "going down");
		return -ESHUTDOWN;
	}
	if (r->reclaim)
		el2r_cpus_forget_faults();
	WRITE_ONCE(el2r_want_resident, true);
	ret = el2r_round_once(r);
	if (!ret)
		return 0;
	strscpy(failed, el2r_last_result, sizeof(failed));
	WRITE_ONCE(el2r_want_resident, false);
	back.install = false;
	back.reclaim = false;
	if (el2r_round_once(&back))
		strscpy(undo, el2r_last_result, sizeof(undo));
	scnprintf(el2r_last_result, sizeof(el2r_last_result), "%s%s%s",
		  failed, undo[0] ? " " : "", undo);
	return ret;
}

/*
 * Run round @r. Callers hold el2r_rounds_lock() (or run in a hotplug
 * callback). An install round after the going-down latch is refused with
 * -ESHUTDOWN, nothing done.
 */
int el2r_round(const struct el2r_round *r)
{
	if (r->install)
		return el2r_install_round(r);
	if (r->final)
		WRITE_ONCE(el2r_going_down, true);
	WRITE_ONCE(el2r_want_resident, false);
	return el2r_round_once(r);
}
