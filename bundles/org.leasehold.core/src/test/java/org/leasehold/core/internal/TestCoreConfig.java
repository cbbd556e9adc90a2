package org.leasehold.core.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.leasehold.testing.Configs;

/** A {@link CoreConfig} with its defaults, loopback on ephemeral ports, files under a test folder. */
final class TestCoreConfig {

    private TestCoreConfig() {
    }

    /** Writes a one-subnet dhcpd.conf into {@code dir} unless one is there; {@code overrides} by method name. */
    static CoreConfig of(Path dir, Map<String, Object> overrides) throws IOException {
        Path conf = dir.resolve("dhcpd.conf");
        if (!Files.exists(conf)) {
            Files.writeString(conf, "subnet 198.51.100.0 netmask 255.255.255.0 { range 198.51.100.10 198.51.100.20; }\n");
        }
        Map<String, Object> values = new HashMap<>(Map.of("port", 0, "clientPort", 0,
                "configFile", conf.toString(), "leaseDir", dir.resolve("data").toString(), "threads", 1));
        values.putAll(overrides);
        return Configs.of(CoreConfig.class, values);
    }
}
