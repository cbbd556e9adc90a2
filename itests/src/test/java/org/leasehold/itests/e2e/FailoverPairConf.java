package org.leasehold.itests.e2e;

/**
 * The dhcpd.conf of one server of a failover pair, as ISC users write it: the primary listens on
 * TCP 647, the secondary on 847; mclt and split on the primary only; one pool under the relationship
 * "harness-fo" in 198.18.0.0/16.
 */
final class FailoverPairConf {

    private FailoverPairConf() {
    }

    static String of(boolean primary, String me, String peer, boolean isc, int mclt, int maxResponseDelay,
            String first, String last) {
        return of(primary, me, peer, isc, mclt, maxResponseDelay, first, last, "");
    }

    /** As {@link #of}, with {@code extra} peer statements (each {@code "  statement;\n"}). */
    static String of(boolean primary, String me, String peer, boolean isc, int mclt, int maxResponseDelay,
            String first, String last, String extra) {
        return """
                authoritative;
                ping-check false;
                default-lease-time 600;
                max-lease-time 7200;
                %s
                %ssubnet 198.18.0.0 netmask 255.255.0.0 {
                  option routers 198.18.0.1;
                  pool {
                    failover peer "harness-fo";
                    range %s %s;
                  }
                }
                """.formatted(isc ? "ddns-update-style none;" : "",
                peer(primary, me, peer, mclt, maxResponseDelay, 128, extra), first, last);
    }

    /**
     * The {@code failover peer "harness-fo"} declaration alone, as {@link #of} writes it but with the
     * primary's {@code split} given (256: the primary takes every new client while both are NORMAL).
     */
    static String peer(boolean primary, String me, String peer, int mclt, int maxResponseDelay, int split,
            String extra) {
        String lb = (primary ? "  mclt " + mclt + ";\n  split " + split + ";\n" : "") + extra;
        return """
                failover peer "harness-fo" {
                  %s;
                  address %s;
                  port %d;
                  peer address %s;
                  peer port %d;
                  max-response-delay %d;
                  max-unacked-updates 10;
                  load balance max seconds 3;
                %s}
                """.formatted(primary ? "primary" : "secondary", me, primary ? 647 : 847, peer, primary ? 847 : 647,
                maxResponseDelay, lb);
    }

    /** The core's settings of a server in a test namespace: DHCP on srv0, the console on loopback. */
    static final String CORE_CFG = """
            listen = srv0, 127.0.0.1
            port = 67
            clientPort = 68
            configFile = etc/dhcpd.conf
            leaseDir = data/leasehold
            """;
}
