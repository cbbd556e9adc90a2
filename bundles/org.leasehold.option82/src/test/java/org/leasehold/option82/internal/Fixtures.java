package org.leasehold.option82.internal;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.leasehold.api.message.DhcpMessage;
import org.leasehold.api.message.DhcpOption;
import org.leasehold.api.pipeline.PacketContext;
import org.leasehold.option82.Option82Parser;
import org.leasehold.testing.Configs;
import org.leasehold.testing.Packets;

/** Packets, configs and a stand-in vendor plugin shared by the Option 82 tests. */
final class Fixtures {

    private Fixtures() {
    }

    static Inet4Address ip(String s) {
        try {
            return (Inet4Address) InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static byte[] hex(String h) {
        return Packets.hex(h);
    }

    /** A real relayed packet from src/test/resources. */
    static DhcpMessage resource(String name) {
        return Packets.real(name);
    }

    /** The real relayed packet with its option 82 replaced. */
    static DhcpMessage withOption82(DhcpMessage m, byte[] value) {
        return m.toBuilder().options(m.options().with(DhcpOption.of(82, value))).build();
    }

    static PacketContext context(DhcpMessage m) {
        return Packets.context(m, "127.0.0.1");
    }

    static Option82Config config() {
        return Configs.of(Option82Config.class, Map.of("warnIntervalSeconds", 60));
    }

    static Option82Handler handler(Map<String, Object> props) {
        return new Option82Handler(config(), props);
    }

    /** A vendor format "slotport": circuit-id "SLOT-PORT". */
    static Option82Parser slotPortPlugin() {
        return new Option82Parser() {
            @Override
            public String format() {
                return "slotport";
            }

            @Override
            public Optional<Map<String, String>> parse(byte[] value) {
                String s = new String(value, StandardCharsets.US_ASCII);
                int dash = s.indexOf('-');
                if (dash < 0) {
                    return Optional.empty();
                }
                Map<String, String> f = new LinkedHashMap<>();
                f.put("slot", s.substring(0, dash));
                f.put("port", s.substring(dash + 1));
                return Optional.of(f);
            }
        };
    }
}
