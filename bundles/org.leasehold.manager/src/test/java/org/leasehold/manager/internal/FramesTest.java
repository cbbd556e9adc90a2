package org.leasehold.manager.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.leasehold.api.lease.LeaseState;

/** The codec against the byte examples of docs/manager-protocol.md. */
class FramesTest {

    private static byte[] hex(String h) {
        return HexFormat.of().parseHex(h.replace(" ", ""));
    }

    @Test
    void statusFrameOfTheDocument() throws Exception {
        assertThat(Frames.encode("status")).isEqualTo(hex("00000006 737461747573"));
        assertThat(Frames.read(new ByteArrayInputStream(hex("00000006 737461747573")), 64)).isEqualTo("status");
    }

    @Test
    void roundTripsUtf8AndSeveralFrames() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Frames.write(out, "query ip=198.51.100.10");
        Frames.write(out, "reconfigure\n# ünïcode\nsubnet 198.51.100.0 netmask 255.255.255.0 { }\n");
        ByteArrayInputStream in = new ByteArrayInputStream(out.toByteArray());
        assertThat(Frames.read(in, 1024)).isEqualTo("query ip=198.51.100.10");
        assertThat(Frames.read(in, 1024)).startsWith("reconfigure\n# ünïcode");
        assertThat(Frames.read(in, 1024)).as("clean end between frames").isNull();
    }

    @Test
    void refusesBrokenFrames() {
        assertThatThrownBy(() -> Frames.read(new ByteArrayInputStream(hex("00000000")), 64))
                .isInstanceOf(FrameException.class).hasMessage("empty frame");
        assertThatThrownBy(() -> Frames.read(new ByteArrayInputStream(hex("00000041")), 64))
                .isInstanceOf(FrameException.class).hasMessage("frame of 65 bytes, more than the 64 allowed");
        assertThatThrownBy(() -> Frames.read(new ByteArrayInputStream(hex("ffffffff")), 64))
                .isInstanceOf(FrameException.class).hasMessageContaining("frame of 4294967295 bytes");
        assertThatThrownBy(() -> Frames.read(new ByteArrayInputStream(hex("00000002 c328")), 64))
                .isInstanceOf(FrameException.class).hasMessage("frame text is not UTF-8");
        assertThatThrownBy(() -> Frames.read(new ByteArrayInputStream(hex("00000009 7374")), 64))
                .isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> Frames.read(new ByteArrayInputStream(hex("0000")), 64))
                .isInstanceOf(EOFException.class);
    }

    @Test
    void requestLineAndBody() throws Exception {
        Request r = Request.parse("fetch state=active,expired hostname=a%20b ip=198.51.100.0/24\r\n");
        assertThat(r.command()).isEqualTo("fetch");
        assertThat(r.args()).containsExactly(Map.entry("state", "active,expired"), Map.entry("hostname", "a b"),
                Map.entry("ip", "198.51.100.0/24"));
        assertThat(r.body()).isEmpty();
        Request c = Request.parse("reconfigure\nline 1\nline 2\n");
        assertThat(c.body()).isEqualTo("line 1\nline 2\n");
        assertThat(Request.parse("update all").arg("all")).isEmpty();
    }

    @Test
    void refusesBrokenRequests() {
        assertThatThrownBy(() -> Request.parse("")).isInstanceOf(FrameException.class);
        assertThatThrownBy(() -> Request.parse("STATUS")).hasMessage("not a command word: 'STATUS'");
        assertThatThrownBy(() -> Request.parse("fetch =x")).hasMessage("not an argument name: ''");
        assertThatThrownBy(() -> Request.parse("fetch ip=1 ip=2")).hasMessage("argument 'ip' given twice");
        assertThatThrownBy(() -> Request.parse("fetch hostname=%4")).hasMessageContaining("bad %-escape");
        assertThatThrownBy(() -> Request.parse("fetch hostname=%ff")).hasMessage("frame text is not UTF-8");
        assertThatThrownBy(() -> Request.parse("fetch " + "x".repeat(5000))).hasMessageContaining("longer than 4096");
    }

    @Test
    void valueEncodingRoundTrips() throws Exception {
        for (String v : new String[] {"plain-name_1.example:x/y,z+w", "with space", "a=b", "line\nfeed", "100%", "ünï"}) {
            String e = Text.encode(v);
            assertThat(e).doesNotContain(" ", "=", "\n");
            assertThat(Text.decode(e)).isEqualTo(v);
        }
        assertThat(Text.encode("a b=c%")).isEqualTo("a%20b%3Dc%25");
    }

    @Test
    void leaseLine() {
        String line = LeaseLines.append(TestServices.lease(7, LeaseState.ACTIVE), new StringBuilder()).toString();
        assertThat(line).isEqualTo("ip=198.18.0.7 state=active mac=02:00:00:00:00:07 client-id=01:02:00:00:00:00:07"
                + " start=1795000000 end=1795003607"
                + " hostname=host%207%20of%20the%20bulk%20test,%20padded%20to%20make%20every%20lease%20line%20long%20enough"
                + " subnet=198.18.0.0/15 var.ddns-fwd-name=h7.example.org\n");
        assertThat(line.getBytes(StandardCharsets.UTF_8)).hasSizeGreaterThan(150);
    }
}
