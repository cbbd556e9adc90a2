package org.leasehold.core.internal.config;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who acts on an ISC statement the core parses but does not act on itself: a capability feature
 * (failover, DDNS, authentication, leasequery), Leasehold's own configuration (a process setting ISC keeps in
 * dhcpd.conf), DHCPv6 (Leasehold serves DHCPv4 only), or nobody yet. The owner decides the warning's
 * wording in {@code dhcp:config-check}; nothing is dropped silently. Stateless.
 */
final class StatementOwners {

    /** What owns a statement. */
    enum Owner {
        FAILOVER("leasehold-failover"), DDNS("leasehold-ddns"), AUTH("leasehold-auth"),
        LEASEQUERY("leasehold-leasequery"),
        DEPLOYMENT("Leasehold's own configuration"), DHCPV6("DHCPv6"), NONE("nobody");

        final String feature;

        Owner(String feature) {
            this.feature = feature;
        }
    }

    private static final Set<String> FAILOVER = Set.of("failover", "max-lease-misbalance", "max-lease-ownership",
            "min-balance", "max-balance");
    private static final Set<String> AUTH = Set.of("secure-ddns", "server-hba");
    /** Process settings of ISC dhcpd, each mapped to where Leasehold keeps it. */
    private static final Map<String, String> DEPLOYMENT = Map.ofEntries(
            // an event's execute runs a program only when the operator allows it (EventParser.EXECUTE_SETTING)
            Map.entry("execute", "eventsExecute in etc/org.leasehold.core.cfg (off by default)"),
            Map.entry("lease-file-name", "the lease store (etc/org.leasehold.core.cfg)"),
            Map.entry("pid-file-name", "Karaf's own pid file"),
            Map.entry("dont-use-fsync", "the lease store's sync policy (etc/org.leasehold.core.cfg)"),
            Map.entry("local-port", "port in etc/org.leasehold.core.cfg"),
            Map.entry("local-address", "the interfaces in etc/org.leasehold.core.cfg"),
            Map.entry("remote-port", "the client port, fixed at 68 (RFC 2131)"),
            Map.entry("omapi-port", "the dhcp: shell commands (Leasehold has no OMAPI)"),
            Map.entry("omapi-key", "the dhcp: shell commands (Leasehold has no OMAPI)"),
            // ISC (DELAYED_ACK, on by default in 4.4) holds ACKs until the lease file is fsync'd, batching
            // up to delayed-ack of them for at most max-ack-delay us; Leasehold's journal always does this
            Map.entry("delayed-ack", "the lease journal's group commit: every ACK already waits for its lease's"
                    + " fsync, and concurrent commits share one"),
            Map.entry("max-ack-delay", "the lease journal's group commit: every ACK already waits for its lease's"
                    + " fsync, and concurrent commits share one"),
            Map.entry("db-time-format", "the lease store's own record format"),
            Map.entry("lease-id-format", "the lease store's own record format"),
            Map.entry("check-secs-byte-order", "a DHCPv4 secs field always read in network order"),
            Map.entry("log-facility", "the logging configuration: Leasehold logs through pax-logging, so a syslog"
                    + " facility is a SyslogAppender's Facility in etc/org.ops4j.pax.logging.cfg for logger org.leasehold"),
            Map.entry("log-threshold-high", "dhcp:pool-stats and the pool metrics"),
            Map.entry("log-threshold-low", "dhcp:pool-stats and the pool metrics"));
    private static final Set<String> DHCPV6 = Set.of("subnet6", "pool6", "host6", "class6", "prefix6", "range6",
            "dhcpv6-lease-file-name", "local-address6", "bind-local-address6", "dhcpv6-pid-file-name",
            "dhcpv6-set-tee-times", "preferred-lifetime", "prefix-length-mode", "limit-addrs-per-ia",
            "persist-eui-64-leases", "use-eui-64", "server-duid", "ddns-local-address6", "local-address-dhcpv4",
            // ISC 4.4 reads it only for DHCPv6 (dhcpd.c do_release_on_roam, dhcpv6.c release_on_roam)
            "release-on-roam");

    private StatementOwners() {
    }

    static Owner owner(String statement) {
        String s = statement.startsWith("allow ") || statement.startsWith("deny ") || statement.startsWith("ignore ")
                ? statement.substring(statement.indexOf(' ') + 1) : statement;
        if (FAILOVER.contains(s)) {
            return Owner.FAILOVER;
        }
        if (AUTH.contains(s)) {
            return Owner.AUTH;
        }
        if (s.equals("leasequery")) {
            return Owner.LEASEQUERY;
        }
        if (s.startsWith("ddns-") || s.startsWith("update-") || s.equals("key") || s.equals("zone")
                || s.equals("do-forward-updates") || s.equals("client-updates") || s.equals("ddns-update")) {
            return s.equals("ddns-local-address6") ? Owner.DHCPV6 : Owner.DDNS;
        }
        if (DEPLOYMENT.containsKey(s)) {
            return Owner.DEPLOYMENT;
        }
        if (DHCPV6.contains(s)) {
            return Owner.DHCPV6;
        }
        return Owner.NONE;
    }

    /** The warning text for a statement the core keeps but does not act on. */
    static String message(String statement) {
        Owner o = owner(statement);
        String s = statement.contains(" ") ? statement.substring(statement.indexOf(' ') + 1) : statement;
        return switch (o) {
            case FAILOVER, DDNS, AUTH, LEASEQUERY -> "read by the " + o.feature + " feature; ignored while it is not installed";
            case DEPLOYMENT -> "a process setting of ISC dhcpd; Leasehold keeps it in " + DEPLOYMENT.get(s) + "; ignored";
            case DHCPV6 -> "DHCPv6 only; Leasehold serves DHCPv4; ignored";
            case NONE -> "accepted by ISC dhcpd but not implemented by Leasehold; ignored";
        };
    }

    /** Whether the warning for {@code statement} is owned by a capability feature (failover, DDNS, auth). */
    static Optional<String> capability(String statement) {
        Owner o = owner(statement);
        return o == Owner.FAILOVER || o == Owner.DDNS || o == Owner.AUTH || o == Owner.LEASEQUERY
                ? Optional.of(o.feature) : Optional.empty();
    }
}
