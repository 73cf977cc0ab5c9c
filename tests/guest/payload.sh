# SPDX-License-Identifier: GPL-2.0
# Payloads (Documentation/payloads.rst): the example tracer
# (examples/tvm-trace) and the tests' probe (tests/payload) run their code
# at EL2 through el2reset. The oracle finds the payload's code in
# el2reset's EL2 tables from outside (its bytes as built, read-only,
# executable, identity-mapped), sees HCR_EL2.TVM set by its start on every
# vCPU, stops a vCPU in its trap entry at EL2, and after every teardown
# (sysfs reset, CPU offline, a payload's exception, unload in every order)
# finds the stub's baseline state, TVM gone, on every vCPU.
plan 50
ncpu=$(nproc)
last=$((ncpu - 1))
ERR_FAULT=0x656c32f0
# tvm_field CPU NAME: NAME= of CPU's line of the tracer's counts
tvm_field() {
	sed -n "s/^cpu$1 .* $2=\([0-9]*\).*/\1/p; s/^cpu$1 $2=\([0-9]*\).*/\1/p" $TVM/counts
}
tvm_running() {
	n=0
	for c in $(seq 0 $last); do
		[ "$(tvm_field $c running)" = 1 ] && n=$((n + 1))
	done
	echo $n
}
# pp CPU FID X1: the probe's call on CPU; prints its result line
pp() {
	echo "$1 $2 $3" > $PP/call && cat $PP/result
}
busy() {
	for i in 1 2 3 4 5 6 7 8; do sh -c true; done
}

finsmod $KO
equal "el2reset loads" "$?" 0
insmod $TVM_KO
equal "the tracer registers" "$?" 0
oracle payload running
equal "every CPU runs the tracer" "$(tvm_running)" "$ncpu"
equal "el2reset's debugfs payloads lists it, running on every CPU" \
	"$(sed -n 's/^slot0 tvm_trace code=0x[0-9a-f]*+[0-9]* //p' $DBG/payloads)" \
	"hvc=0xc6000e70-0xc6000e70 trap_ec=0x1000000 running=0-$last"
oracle payload-break tvm_el2_trap
busy
t=0
for c in $(seq 0 $last); do t=$((t + $(tvm_field $c ttbr1))); done
check "TTBR1_EL1 writes trapped, performed and counted ($t)" [ "$t" -gt 0 ]
st=$(cat $TVM/status)
hcr=$(echo "$st" | sed -n 's/.*hcr_el2=\(0x[0-9a-f]*\).*/\1/p')
check "its call answers at EL2 with HCR_EL2.TVM set ($st)" \
	[ -n "$hcr" ] && [ $(( hcr >> 26 & 1 )) = 1 ]

rmmod el2reset 2> /dev/null
check "rmmod el2reset is refused while the tracer links against it" [ $? != 0 ]
oracle payload running

echo 1 > $S/reset
equal "sysfs reset with the tracer running" "$?" 0
oracle handed
equal "no CPU runs it after the reset" "$(tvm_running)" 0
s0=$(tvm_field 0 starts) p0=$(tvm_field 0 stops)
equal "CPU0: its stop ran once per start" "$p0" "$s0"
echo 1 > $S/install
equal "sysfs install" "$?" 0
oracle payload running
equal "every CPU runs it again" "$(tvm_running)" "$ncpu"

s=$(tvm_field $last starts)
echo 0 > /sys/devices/system/cpu/cpu$last/online
equal "CPU$last offline" "$?" 0
oracle "payload running cpu$last=handed"
echo 1 > /sys/devices/system/cpu/cpu$last/online
equal "CPU$last online" "$?" 0
oracle payload running
equal "CPU$last: started again when back" "$(tvm_field $last starts)" "$((s + 1))"

rmmod el2r_tvm_trace
equal "the tracer unregisters and unloads" "$?" 0
oracle payload gone
echo 0 > /sys/devices/system/cpu/cpu2/online
insmod $TVM_KO
equal "it registers with CPU2 offline" "$?" 0
echo 1 > /sys/devices/system/cpu/cpu2/online
oracle payload running
equal "CPU2 runs it once online" "$(tvm_field 2 running)" 1

# The defined answers (el2reset_payload.h), the tracer holding a slot
insmod $PP_KO answers=1
equal "the probe's answers run" "$?" 0
for a in "register 0" "twice -17" "collide-payload -98" \
	"collide-el2reset -98" "collide-stub -98" "bad-stack -22" \
	"bad-entry -22" "collide-trap -98" "fill-1 0" "fill-2 0" \
	"no-room -28"; do
	check "answer ${a% *}: ${a#* }" dmesg_has "el2r_plprobe: answer $a"
done
rmmod el2r_plprobe
oracle payload running

# A payload's exceptions at EL2: in a call, in its stop, in its start, off
# its stack; each CPU back at the stub, faulted, the others running on
insmod $PP_KO
equal "the probe registers beside the tracer" "$?" 0
r=$(pp 1 c6000e80 41)
equal "its call runs at EL2 on CPU1" "$r" "cpu1 x0=0x0 x1=0x42 x2=0x1 x3=0x8"
r=$(pp 1 c6000e81 0)
check "an exception in its call returns EL2R_ERR_FAULT ($r)" \
	[ "${r#cpu1 x0=$ERR_FAULT }" != "$r" ]
equal "CPU1 is faulted" "$(cat $S/cpu1/owner)" faulted
check "reported, naming it and its entry" \
	dmesg_has "CPU1: payload plprobe took an exception at EL2 in its hvc entry"
oracle "resident cpu1=handed"
echo 1 > $S/install
equal "an install takes CPU1 back" "$(cat $S/cpu1/owner)" el2reset
oracle payload-break tvm_el2_trap
busy
r=$(pp 2 c6000e82 1)
echo 1 > $S/reset
equal "a reset with a stop that faults on CPU2" "$?" 0
oracle handed
equal "CPU2 is faulted" "$(cat $S/cpu2/owner)" faulted
check "reported, in its stop entry" \
	dmesg_has "CPU2: payload plprobe took an exception at EL2 in its stop entry"
echo 1 > $S/install
equal "install again" "$(owners)" "el2reset:$ncpu"
r=$(pp 2 c6000e82 0)
r=$(pp 2 c6000e85 5a5a)
r=$(pp 3 c6000e84 0)
check "running off its stack is an exception ($r)" \
	[ "${r#cpu3 x0=$ERR_FAULT }" != "$r" ]
r=$(pp 2 c6000e86 0)
equal "... in its own guard page: CPU2's stack untouched" "${r% x2=*}" \
	"cpu2 x0=0x0 x1=0x5a5a"
equal "CPU3 is faulted" "$(cat $S/cpu3/owner)" faulted
oracle "resident cpu3=handed"
echo 1 > $S/install
r=$(pp 0 c6000e83 1)
echo 1 > $S/reset
echo 1 > $S/install 2> /dev/null
check "an install whose start faults on CPU0 fails" [ $? != 0 ]
equal "all or nothing: CPU0 faulted, none resident" "$(owners)" "faulted:1,stub:$last"
oracle handed

# Unregister and unload in the other orders: the probe while el2reset is
# not resident, then the tracer after the install, then el2reset
rmmod el2r_plprobe
equal "the probe unregisters while the stub holds EL2" "$?" 0
oracle handed
echo 1 > $S/install
equal "install with the tracer alone" "$?" 0
oracle payload running
rmmod el2r_tvm_trace
equal "the tracer unregisters" "$?" 0
oracle payload gone
end_unloaded
