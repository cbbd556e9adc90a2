package org.leasehold.option82.vlanport.internal;

import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.leasehold.option82.Option82Parser;
import org.osgi.service.component.annotations.Component;

/**
 * Input format {@code remote-mac}: the binary remote-id that goes with the vlan-mod-port circuit-id,
 * type 0, length 6, then the switch's MAC address ({@code 00 06 aa bb cc dd ee ff}). Field
 * {@code mac} ("aa:bb:cc:dd:ee:ff"). Stateless and thread-safe.
 */
@Component
public final class RemoteMacFormat implements Option82Parser {

    @Override
    public String format() {
        return "remote-mac";
    }

    @Override
    public Optional<Map<String, String>> parse(byte[] value) {
        if (value.length != 8 || value[0] != 0 || value[1] != 6) {
            return Optional.empty();
        }
        return Optional.of(Map.of("mac", HexFormat.ofDelimiter(":").formatHex(value, 2, 8)));
    }
}
