package org.leasehold.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leasehold.api.message.DhcpOption;
import org.leasehold.api.message.MessageType;

/** ISC's ignore-client-uids: with it, one MAC sending two client identifiers is one client. */
class IgnoreClientUidsTest {

    private static final String CONF = """
            authoritative;
            ping-check false;
            %s
            subnet 198.18.0.0 netmask 255.255.0.0 {
              range 198.18.1.10 198.18.1.20;
            }
            """;

    private static EngineFixture.Sent discover(EngineFixture f, String id, int xid) {
        return f.exchange(EngineFixture.with(EngineFixture.request(MessageType.DISCOVER, "02:00:00:00:02:01", xid),
                DhcpOption.of(61, id.getBytes(java.nio.charset.StandardCharsets.US_ASCII))));
    }

    @Test
    void withIgnoreClientUidsTwoIdentifiersOfOneMacGetOneAddress(@TempDir Path dir) throws Exception {
        try (EngineFixture f = new EngineFixture(dir, CONF.formatted("ignore-client-uids true;"))) {
            assertThat(discover(f, "id-a", 1).message().yiaddr()).isEqualTo(discover(f, "id-b", 2).message().yiaddr());
        }
    }

    @Test
    void withoutItEachIdentifierIsItsOwnClient(@TempDir Path dir) throws Exception {
        try (EngineFixture f = new EngineFixture(dir, CONF.formatted(""))) {
            assertThat(discover(f, "id-a", 1).message().yiaddr()).isNotEqualTo(discover(f, "id-b", 2).message().yiaddr());
        }
    }
}
