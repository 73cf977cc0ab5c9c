/* SPDX-License-Identifier: GPL-2.0 */
/*
 * el2r_events.h - what can cause an install or a teardown, one line each:
 * the one list of event kinds. Included, with EL2R_EVENT(ID, "name")
 * defined, wherever the list is expanded (the enum in el2reset.h, the
 * names in cpu.c), as the kernel includes its kvm-x86-ops.h; the
 * documentation is checked against it (tests/static_checks.py). No include
 * guard: each inclusion is one expansion.
 */
EL2R_EVENT(LOAD, "load")
EL2R_EVENT(UNLOAD, "unload")
EL2R_EVENT(SYSFS, "sysfs")
EL2R_EVENT(HOTPLUG, "hotplug")
EL2R_EVENT(REBOOT, "reboot")
EL2R_EVENT(PM, "pm")
EL2R_EVENT(KVM, "kvm")
EL2R_EVENT(PAYLOAD, "payload")
EL2R_EVENT(BENCH, "bench")	/* the benchmark's rounds: traced, never counted */

#undef EL2R_EVENT
