/* SPDX-License-Identifier: GPL-2.0 */
/*
 * trace.h - el2reset's tracepoints (tracefs events/el2reset/, trace-cmd,
 * perf): one event per install/teardown round and one per CPU result.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM el2reset

#if !defined(EL2RESET_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define EL2RESET_TRACE_H

#include <linux/tracepoint.h>

#include "compat.h"
#include "el2reset.h"

/*
 * The event is recorded by name (el2r_event_name()), so the list of event
 * kinds stays in el2r_events.h alone and trace-cmd/perf need no enum map.
 */

/*
 * el2r_cpu - one CPU's install or teardown. result: 1 changed, 0 nothing to
 * do (already so, yielded, faulted), negative: the error.
 */
TRACE_EVENT(el2r_cpu,
	TP_PROTO(unsigned int cpu, bool install, int ev, int result,
		 u64 duration_ns),
	TP_ARGS(cpu, install, ev, result, duration_ns),
	TP_STRUCT__entry(
		__field(unsigned int, cpu)
		__field(bool, install)
		__string(event, el2r_event_name(ev))
		__field(int, result)
		__field(u64, duration_ns)
	),
	TP_fast_assign(
		__entry->cpu = cpu;
		__entry->install = install;
		el2r_assign_str(event, el2r_event_name(ev));
		__entry->result = result;
		__entry->duration_ns = duration_ns;
	),
	TP_printk("cpu=%u %s event=%s result=%d duration_ns=%llu",
		  __entry->cpu, __entry->install ? "install" : "teardown",
		  __get_str(event), __entry->result, __entry->duration_ns)
);

/* el2r_round - one IPI round on every online CPU; result: first error */
TRACE_EVENT(el2r_round,
	TP_PROTO(bool install, int ev, unsigned int cpus, int result,
		 u64 duration_ns),
	TP_ARGS(install, ev, cpus, result, duration_ns),
	TP_STRUCT__entry(
		__field(bool, install)
		__string(event, el2r_event_name(ev))
		__field(unsigned int, cpus)
		__field(int, result)
		__field(u64, duration_ns)
	),
	TP_fast_assign(
		__entry->install = install;
		el2r_assign_str(event, el2r_event_name(ev));
		__entry->cpus = cpus;
		__entry->result = result;
		__entry->duration_ns = duration_ns;
	),
	TP_printk("%s event=%s cpus=%u result=%d duration_ns=%llu",
		  __entry->install ? "install" : "teardown",
		  __get_str(event), __entry->cpus, __entry->result,
		  __entry->duration_ns)
);

#endif /* EL2RESET_TRACE_H */

#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE trace
#include <trace/define_trace.h>
