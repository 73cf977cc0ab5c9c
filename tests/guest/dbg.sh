finsmod $KO && rmmod el2reset
sleep 2; sync; echo 3 > /proc/sys/vm/drop_caches
awk 'NR>2 {print $1, $3*$4}' /proc/slabinfo > /tmp/s0
i=0; while [ $i -lt 50 ]; do finsmod $KO; rmmod el2reset; i=$((i+1)); done
sleep 2; sync; echo 3 > /proc/sys/vm/drop_caches
awk 'NR>2 {print $1, $3*$4}' /proc/slabinfo > /tmp/s1
awk 'NR==FNR { a[$1] = $2; next } { d = $2 - a[$1]; if (d > 8000) print d, $1 }' /tmp/s0 /tmp/s1 | sort -n | tail -10
