package org.leasehold.option82.vlanport.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.leasehold.option82.Option82Parser;
import org.osgi.service.component.annotations.Component;

/**
 * Input format {@code vlanport}: the binary "vlan-mod-port" circuit-id that Cisco Catalyst switches
 * (and switches copying them) insert with DHCP snooping option 82 in its default format:
 * <pre>
 *   byte 0      circuit-id type, 0
 *   byte 1      length of what follows, 4
 *   bytes 2-3   VLAN ID, big endian (the 4 high bits must be 0)
 *   byte 4      module (stack member / slot)
 *   byte 5      port
 * </pre>
 * e.g. {@code 00 04 00 64 01 05} is VLAN 100, module 1, port 5. Fields: {@code vlan},
 * {@code module}, {@code port}, {@code interface} ("module/port"). Stateless and thread-safe.
 */
@Component
public final class VlanModulePortFormat implements Option82Parser {

    private static final int LENGTH = 6;

    @Override
    public String format() {
        return "vlanport";
    }

    @Override
    public Optional<Map<String, String>> parse(byte[] value) {
        if (value.length != LENGTH || value[0] != 0 || value[1] != 4 || (value[2] & 0xf0) != 0) {
            return Optional.empty();
        }
        int vlan = ((value[2] & 0x0f) << 8) | (value[3] & 0xff);
        int module = value[4] & 0xff;
        int port = value[5] & 0xff;
        Map<String, String> f = new LinkedHashMap<>();
        f.put("vlan", Integer.toString(vlan));
        f.put("module", Integer.toString(module));
        f.put("port", Integer.toString(port));
        f.put("interface", module + "/" + port);
        return Optional.of(f);
    }
}
