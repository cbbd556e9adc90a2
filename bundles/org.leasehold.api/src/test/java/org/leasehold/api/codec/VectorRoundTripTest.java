package org.leasehold.api.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.leasehold.api.codec.Vectors.Vector;
import org.leasehold.api.message.DhcpMessage;
import org.leasehold.api.message.DhcpOption;
import org.leasehold.api.message.DhcpOptions;
import org.leasehold.api.message.RelayAgentInformation;
import org.leasehold.api.message.SubOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every captured packet decodes to what the capture says and re-encodes byte for byte. */
class VectorRoundTripTest {
    private static final HexFormat HEX = HexFormat.of();

    static Stream<Vector> vectors() {
        return Vectors.all().stream();
    }

    @Test
    void allVectorFilesAreLoaded() {
        assertThat(Vectors.files()).hasSize(14);
        assertThat(Vectors.all()).hasSize(96);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void headerMatchesCapture(Vector v) throws DecodeException {
        DhcpMessage m = DhcpCodec.decode(v.bytes());
        JsonObject f = v.fields();
        assertThat(m.op()).isEqualTo(f.get("op").getAsInt());
        assertThat(m.htype()).isEqualTo(f.get("htype").getAsInt());
        assertThat(m.hlen()).isEqualTo(f.get("hlen").getAsInt());
        assertThat(m.hops()).isEqualTo(f.get("hops").getAsInt());
        assertThat(Integer.toUnsignedLong(m.xid())).isEqualTo(f.get("xid").getAsLong());
        assertThat(m.secs()).isEqualTo(f.get("secs").getAsInt());
        assertThat(m.flags()).isEqualTo(f.get("flags").getAsInt());
        assertThat(m.broadcast()).isEqualTo((f.get("flags").getAsInt() & 0x8000) != 0);
        assertThat(m.ciaddr().getHostAddress()).isEqualTo(f.get("ciaddr").getAsString());
        assertThat(m.yiaddr().getHostAddress()).isEqualTo(f.get("yiaddr").getAsString());
        assertThat(m.siaddr().getHostAddress()).isEqualTo(f.get("siaddr").getAsString());
        assertThat(m.giaddr().getHostAddress()).isEqualTo(f.get("giaddr").getAsString());
        assertThat(HEX.formatHex(m.chaddr())).isEqualTo(f.get("chaddr").getAsString());
        assertThat(stripNul(m.sname())).isEqualTo(f.get("sname").getAsString());
        assertThat(stripNul(m.file())).isEqualTo(f.get("file").getAsString());
        if (f.has("sname_text")) {
            assertThat(m.snameText()).isEqualTo(f.get("sname_text").getAsString());
        }
        if (f.has("file_text")) {
            assertThat(m.fileText()).isEqualTo(f.get("file_text").getAsString());
        }
        String type = f.get("message_type").getAsString();
        assertThat(m.isBootp()).isEqualTo(type.equals("BOOTP"));
        if (!m.isBootp()) {
            assertThat(m.messageType()).hasValueSatisfying(t -> assertThat(t.name()).isEqualTo(type));
        }
        assertThat(m.hardwareAddress().toString()).startsWith("02:00:00:00:").hasSize(17);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void optionsMatchCaptureInWireOrder(Vector v) throws DecodeException {
        DhcpMessage m = DhcpCodec.decode(v.bytes());
        JsonObject f = v.fields();
        boolean cookie = f.get("magic_cookie").getAsString().equals("63825363");
        List<String> expected = new ArrayList<>();
        if (cookie) {
            addOptions(expected, f.getAsJsonArray("options"));
            addOptions(expected, f.getAsJsonArray("file_options"));
            addOptions(expected, f.getAsJsonArray("sname_options"));
        }
        List<String> actual = new ArrayList<>();
        for (DhcpOption o : m.options().instances()) {
            actual.add(o.code() + "=" + HEX.formatHex(o.value()));
        }
        assertThat(actual).containsExactlyElementsOf(expected);
        assertThat(m.overloaded() != 0).isEqualTo(f.has("file_options") || f.has("sname_options"));
        if (f.has("option82")) {
            RelayAgentInformation rai = RelayAgentInformation.from(m).orElseThrow();
            List<String> subs = new ArrayList<>();
            for (SubOption s : rai.subOptions()) {
                subs.add(s.code() + "=" + HEX.formatHex(s.bytes()));
            }
            List<String> want = new ArrayList<>();
            addOptions(want, f.getAsJsonArray("option82"));
            assertThat(subs).containsExactlyElementsOf(want);
            assertThat(rai.encode()).isEqualTo(m.options().bytes(82).orElseThrow());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void reencodesByteForByte(Vector v) throws DecodeException {
        DhcpMessage m = DhcpCodec.decode(v.bytes());
        assertThat(HEX.formatHex(DhcpCodec.encode(m))).isEqualTo(HEX.formatHex(v.bytes()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void freshLayoutDecodesToTheSameMessage(Vector v) throws DecodeException {
        DhcpMessage m = DhcpCodec.decode(v.bytes());
        DhcpMessage.Builder b = m.toBuilder().options(DhcpOptions.empty()).options(DhcpOptions.of(m.options().all()));
        DhcpMessage fresh = b.build();
        // a cookie-less BOOTP message has no options to lay out again: its raw vend area stays
        assertThat(fresh.wireVendArea().isEmpty()).isEqualTo(!m.options().isEmpty());
        byte[] wire = DhcpCodec.encode(fresh);
        DhcpMessage again = DhcpCodec.decode(wire);
        assertThat(again.options().all()).containsExactlyElementsOf(
            m.options().without(52).all());
        assertThat(again.xid()).isEqualTo(m.xid());
        assertThat(again.hardwareAddress()).isEqualTo(m.hardwareAddress());
        assertThat(wire.length).isGreaterThanOrEqualTo(300);
    }

    private static void addOptions(List<String> out, JsonArray arr) {
        if (arr == null) {
            return;
        }
        for (JsonElement e : arr) {
            JsonArray pair = e.getAsJsonArray();
            out.add(pair.get(0).getAsInt() + "=" + pair.get(1).getAsString());
        }
    }

    private static String stripNul(byte[] b) {
        int n = b.length;
        while (n > 0 && b[n - 1] == 0) {
            n--;
        }
        return HEX.formatHex(b, 0, n);
    }
}
