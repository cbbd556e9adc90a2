#!/bin/bash
# One dhclient exchange, run INSIDE a client namespace:  dhclient_once.sh IFACE WORKDIR [TIMEOUT]
# A new lease, or, when WORKDIR/dhclient.leases already holds one, its INIT-REBOOT (a broadcast
# REQUEST for the same address). Prints the hook's last line, "EVENT reason=.. ip=.. sid=.. domain=..",
# then kills dhclient without a release (the lease stays the client's). Exit 0 iff bound.
# /run is a tmpfs private to this mount namespace (ip netns exec makes one): the host is not touched.
ifc=$1 wd=$2 t=${3:-20}
mkdir -p "$wd"; touch "$wd/dhclient.leases"; : > "$wd/hook.log"
mount -t tmpfs lh-run /run 2>/dev/null || true
cat > "$wd/hook.sh" <<HOOK
#!/bin/sh
echo "EVENT reason=\$reason ip=\${new_ip_address:-} sid=\${new_dhcp_server_identifier:-} domain=\${new_domain_name:-}" >> "$wd/hook.log"
case "\$reason" in BOUND|RENEW|REBIND|REBOOT) ip addr replace "\$new_ip_address/16" dev "\$interface" ;; esac
exit 0
HOOK
chmod +x "$wd/hook.sh"
cat > "$wd/dhclient.conf" <<CONF
timeout $t;
retry 60;
initial-interval 1;
request subnet-mask, routers, domain-name, dhcp-server-identifier;
CONF
ip link set "$ifc" up
dhclient -4 -1 -v -cf "$wd/dhclient.conf" -lf "$wd/dhclient.leases" -pf "$wd/dhclient.pid" -sf "$wd/hook.sh" "$ifc"
rc=$?
[ -s "$wd/dhclient.pid" ] && kill -9 "$(cat "$wd/dhclient.pid")" 2>/dev/null
grep -E "reason=(BOUND|RENEW|REBIND|REBOOT)" "$wd/hook.log" | tail -1
exit $rc
