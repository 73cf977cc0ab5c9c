cat /sys/power/state; cat /sys/power/mem_sleep; ls /sys/class/rtc/
finsmod $KO
echo +3 > /sys/class/rtc/rtc0/wakealarm 2>&1; echo "alarm rc=$?"
timeout 30 sh -c 'echo freeze > /sys/power/state'; echo "freeze rc=$?"
echo "owners $(owners)"
echo +3 > /sys/class/rtc/rtc0/wakealarm
timeout 30 sh -c 'echo mem > /sys/power/state'; echo "mem rc=$?"
echo "owners $(owners)"
dmesg | grep -iE 'suspend|PM:|psci|el2reset' | tail -12
