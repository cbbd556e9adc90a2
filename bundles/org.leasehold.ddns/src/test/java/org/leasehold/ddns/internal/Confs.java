package org.leasehold.ddns.internal;

import org.leasehold.api.config.DhcpdConf;
import org.leasehold.core.internal.capability.LoadedConf;
import org.leasehold.core.internal.syntax.ConfigException;
import org.leasehold.core.internal.config.ConfigParser;
import org.leasehold.core.internal.engine.ConfigView;

/** Real configurations for tests: dhcpd.conf text read by the core's own parser. */
public final class Confs {

    /** The key of the test named (hmac-sha256), the one the harness uses too. */
    public static final String SECRET = "jV8UBoRLHfFrX01ZiojHlZuhgyrT3K1MGmwPxHt6364=";

    private Confs() {
    }

    public static DhcpdConf parse(String text) {
        try {
            return new LoadedConf("dhcpd.conf", 1, new ConfigView(ConfigParser.parse("dhcpd.conf", text)));
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** A subnet with DDNS on in the given style, zones served at {@code server} (e.g. "127.0.0.1"). */
    public static String standard(String style, String server, String extra) {
        return "ddns-update-style " + style + ";\n"
                + "ddns-domainname \"example.test.\";\n"
                + "ddns-rev-domainname \"in-addr.arpa.\";\n"
                + "key dhcp-update { algorithm hmac-sha256; secret \"" + SECRET + "\"; };\n"
                + "zone example.test. { primary " + server + "; key dhcp-update; }\n"
                + "zone 18.198.in-addr.arpa. { primary " + server + "; key dhcp-update; }\n"
                + extra
                + "subnet 198.18.0.0 netmask 255.255.0.0 { range 198.18.1.1 198.18.1.200; }\n";
    }
}
