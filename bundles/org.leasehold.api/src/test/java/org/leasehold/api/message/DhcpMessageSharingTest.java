package org.leasehold.api.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.leasehold.api.codec.DhcpCodec;
import org.leasehold.api.codec.Vectors;

/**
 * {@link DhcpMessage} shares its fixed-field arrays with its builder instead of cloning them: every
 * way in (setters, the decoder's ranged setters) must still copy, every way out must still copy or
 * only read, and a builder reused after {@code build()} must never write into a built message.
 */
class DhcpMessageSharingTest {

    private static byte[] pattern(int length, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (seed + i * 7);
        }
        return b;
    }

    private static byte[] padded(byte[] v, int size) {
        return Arrays.copyOf(v, size);
    }

    private static Inet4Address ip(String s) throws Exception {
        return (Inet4Address) InetAddress.getByName(s);
    }

    // ---- arrays given to the builder -------------------------------------------------------------

    @Test
    void arraysGivenToTheBuilderCanBeChangedAfterBuildWithoutChangingTheMessage() {
        byte[] chaddr = {2, 0, 0, 0, 0x0a, 1};
        byte[] sname = "boot-server".getBytes(StandardCharsets.US_ASCII);
        byte[] file = "pxelinux.0".getBytes(StandardCharsets.US_ASCII);
        DhcpMessage m = DhcpMessage.builder().chaddr(chaddr).sname(sname).file(file).build();
        byte[] encoded = DhcpCodec.encode(m);

        Arrays.fill(chaddr, (byte) 0x55);
        Arrays.fill(sname, (byte) 0x55);
        Arrays.fill(file, (byte) 0x55);

        assertThat(m.chaddr()).isEqualTo(padded(new byte[] {2, 0, 0, 0, 0x0a, 1}, 16));
        assertThat(m.snameText()).isEqualTo("boot-server");
        assertThat(m.fileText()).isEqualTo("pxelinux.0");
        assertThat(m.hardwareAddress().toString()).isEqualTo("02:00:00:00:0a:01");
        assertThat(DhcpCodec.encode(m)).isEqualTo(encoded);
    }

    @Test
    void fullLengthArraysAreCopiedToo() {
        // exactly 16/64/128 bytes: a copy-on-pad-only implementation would keep these very arrays
        byte[] chaddr = pattern(16, 1);
        byte[] sname = pattern(64, 2);
        byte[] file = pattern(128, 3);
        DhcpMessage.Builder b = DhcpMessage.builder().chaddr(chaddr).sname(sname).file(file);
        // changed between the setter and build(): the builder took its own copy at the setter
        chaddr[0] = 99;
        sname[0] = 99;
        file[0] = 99;
        DhcpMessage m = b.build();
        Arrays.fill(chaddr, (byte) 0);
        Arrays.fill(sname, (byte) 0);
        Arrays.fill(file, (byte) 0);

        assertThat(m.chaddr()).isEqualTo(pattern(16, 1));
        assertThat(m.sname()).isEqualTo(pattern(64, 2));
        assertThat(m.file()).isEqualTo(pattern(128, 3));
    }

    @Test
    void hardwareAddressGivenToTheBuilderIsCopied() {
        byte[] mac = {2, 0, 0, 0, 0x0a, 2};
        HardwareAddress hw = HardwareAddress.ethernet(mac);
        DhcpMessage m = DhcpMessage.builder().hardwareAddress(hw).build();
        mac[5] = 9;

        assertThat(m.hardwareAddress()).isEqualTo(HardwareAddress.ethernet(new byte[] {2, 0, 0, 0, 0x0a, 2}));
        assertThat(m.chaddr()).isEqualTo(padded(new byte[] {2, 0, 0, 0, 0x0a, 2}, 16));
    }

    @Test
    void wireLayoutArrayCanBeChangedAfterBuild() {
        byte[] vend = pattern(64, 9);
        vend[0] = 0x63;
        vend[1] = (byte) 0x82;
        vend[2] = 0x53;
        vend[3] = 0x63;
        byte[] expected = vend.clone();
        DhcpMessage m = DhcpMessage.builder().xid(7).wireLayout(vend, 0).build();
        byte[] encoded = DhcpCodec.encode(m);
        Arrays.fill(vend, (byte) 0x11);

        assertThat(m.wireVendArea()).hasValueSatisfying(v -> assertThat(v).isEqualTo(expected));
        assertThat(m.wireVendLength()).isEqualTo(64);
        assertThat(DhcpCodec.encode(m)).isEqualTo(encoded);
        assertThat(Arrays.copyOfRange(encoded, 236, 300)).isEqualTo(expected);
    }

    // ---- arrays returned by the message ----------------------------------------------------------

    @Test
    void arraysReturnedByTheMessageAreCopies() {
        DhcpMessage m = DhcpMessage.builder().chaddr(pattern(16, 1)).sname(pattern(64, 2)).file(pattern(128, 3))
                .wireLayout(pattern(20, 4), 0).build();
        byte[] encoded = DhcpCodec.encode(m);

        Arrays.fill(m.chaddr(), (byte) 0);
        Arrays.fill(m.sname(), (byte) 0);
        Arrays.fill(m.file(), (byte) 0);
        Arrays.fill(m.wireVendArea().orElseThrow(), (byte) 0);
        m.chaddr()[0] = 42;
        m.sname()[0] = 42;
        m.file()[0] = 42;

        assertThat(m.chaddr()).isEqualTo(pattern(16, 1));
        assertThat(m.sname()).isEqualTo(pattern(64, 2));
        assertThat(m.file()).isEqualTo(pattern(128, 3));
        assertThat(m.wireVendArea()).hasValueSatisfying(v -> assertThat(v).isEqualTo(pattern(20, 4)));
        assertThat(DhcpCodec.encode(m)).isEqualTo(encoded);
    }

    @Test
    void theSharedAllZeroDefaultsCannotBeChangedThroughAnyMessage() {
        DhcpMessage first = DhcpMessage.builder().build();
        Arrays.fill(first.chaddr(), (byte) 1);
        Arrays.fill(first.sname(), (byte) 1);
        Arrays.fill(first.file(), (byte) 1);
        byte[] dst = pattern(208, 5);
        first.copyChaddrSnameFile(dst, 0);
        Arrays.fill(dst, (byte) 1);

        DhcpMessage second = DhcpMessage.builder().xid(2).build();
        assertThat(first.chaddr()).containsOnly(0).hasSize(16);
        assertThat(second.chaddr()).containsOnly(0).hasSize(16);
        assertThat(second.sname()).containsOnly(0).hasSize(64);
        assertThat(second.file()).containsOnly(0).hasSize(128);
        assertThat(second.hardwareAddress().bytes()).containsOnly(0).hasSize(6);
    }

    // ---- builders reused after build() -----------------------------------------------------------

    @Test
    void aBuilderReusedAfterBuildDoesNotChangeTheFirstMessage() {
        DhcpMessage.Builder b = DhcpMessage.builder().xid(1).chaddr(pattern(16, 1)).sname("first").file("first.bin");
        DhcpMessage first = b.build();
        DhcpMessage firstAgain = b.build();

        b.xid(2).chaddr(pattern(16, 50)).sname("second").file("second.bin").messageType(MessageType.OFFER);
        DhcpMessage second = b.build();

        assertThat(first.xid()).isEqualTo(1);
        assertThat(first.chaddr()).isEqualTo(pattern(16, 1));
        assertThat(first.snameText()).isEqualTo("first");
        assertThat(first.fileText()).isEqualTo("first.bin");
        assertThat(first.messageType()).isEmpty();
        assertThat(first).isEqualTo(firstAgain);
        assertThat(second.snameText()).isEqualTo("second");
        assertThat(second.chaddr()).isEqualTo(pattern(16, 50));
        assertThat(second.messageType()).contains(MessageType.OFFER);
    }

    @Test
    void toBuilderChangesLeaveTheOriginalAlone() {
        DhcpMessage original = DhcpMessage.builder().xid(3).chaddr(pattern(16, 1)).sname("original")
                .file("original.bin").build();
        byte[] encoded = DhcpCodec.encode(original);

        DhcpMessage.Builder b = original.toBuilder();
        DhcpMessage changed = b.sname("changed").file("changed.bin").chaddr(new byte[] {1, 2, 3}).build();
        DhcpMessage changedAgain = b.sname(pattern(64, 77)).build();

        assertThat(original.snameText()).isEqualTo("original");
        assertThat(original.fileText()).isEqualTo("original.bin");
        assertThat(original.chaddr()).isEqualTo(pattern(16, 1));
        assertThat(DhcpCodec.encode(original)).isEqualTo(encoded);
        assertThat(changed.snameText()).isEqualTo("changed");
        assertThat(changed.chaddr()).isEqualTo(padded(new byte[] {1, 2, 3}, 16));
        assertThat(changedAgain.sname()).isEqualTo(pattern(64, 77));
        assertThat(changed.snameText()).as("an earlier build of the same builder").isEqualTo("changed");
    }

    @Test
    void droppingAnOverloadedLayoutDoesNotClearTheOriginalsFields() throws Exception {
        // file (1) and sname (2) carry options; changing the options clears them in the new message only
        byte[] packet = overloadedPacket();
        DhcpMessage original = DhcpCodec.decode(packet);
        assertThat(original.overloaded()).isEqualTo(3);
        byte[] file = original.file();
        byte[] sname = original.sname();
        assertThat(file).isNotEqualTo(new byte[128]);
        assertThat(sname).isNotEqualTo(new byte[64]);

        DhcpMessage rebuilt = original.toBuilder().option(DhcpOption.ofText(15, "changed.test")).build();
        DhcpMessage renamed = original.toBuilder().sname("plain").build();

        assertThat(rebuilt.file()).isEqualTo(new byte[128]);
        assertThat(rebuilt.sname()).isEqualTo(new byte[64]);
        assertThat(renamed.snameText()).isEqualTo("plain");
        assertThat(renamed.file()).isEqualTo(new byte[128]);
        assertThat(original.file()).isEqualTo(file);
        assertThat(original.sname()).isEqualTo(sname);
        assertThat(DhcpCodec.encode(original)).isEqualTo(packet);
    }

    // ---- chaddrSnameFile / copyChaddrSnameFile / wireLayout(src, off, len, ov) --------------------

    @Test
    void chaddrSnameFileReadsTheThreeFieldsFromTheirWireOffsets() {
        byte[] src = pattern(300, 11);
        for (int off : new int[] {0, 28, 57, 300 - 208}) {
            DhcpMessage m = DhcpMessage.builder().chaddrSnameFile(src, off).build();

            assertThat(m.chaddr()).as("chaddr at %d", off).isEqualTo(Arrays.copyOfRange(src, off, off + 16));
            assertThat(m.sname()).as("sname at %d", off).isEqualTo(Arrays.copyOfRange(src, off + 16, off + 80));
            assertThat(m.file()).as("file at %d", off).isEqualTo(Arrays.copyOfRange(src, off + 80, off + 208));
        }
    }

    @Test
    void chaddrSnameFileCopiesItsSource() {
        byte[] src = pattern(236, 13);
        byte[] keep = src.clone();
        DhcpMessage.Builder b = DhcpMessage.builder().chaddrSnameFile(src, 28);
        src[28] = 0;
        src[28 + 16] = 0;
        src[28 + 80] = 0;
        DhcpMessage m = b.build();
        Arrays.fill(src, (byte) 0x33);

        assertThat(m.chaddr()).isEqualTo(Arrays.copyOfRange(keep, 28, 44));
        assertThat(m.sname()).isEqualTo(Arrays.copyOfRange(keep, 44, 108));
        assertThat(m.file()).isEqualTo(Arrays.copyOfRange(keep, 108, 236));
    }

    @Test
    void chaddrSnameFileRejectsAnOffsetWhere208BytesDoNotFit() {
        byte[] src = new byte[236];
        DhcpMessage.Builder b = DhcpMessage.builder();

        assertThatThrownBy(() -> b.chaddrSnameFile(src, 236 - 207)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.chaddrSnameFile(src, 236)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.chaddrSnameFile(src, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.chaddrSnameFile(new byte[207], 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.chaddrSnameFile(new byte[0], 0)).isInstanceOf(IllegalArgumentException.class);
        // the last offset that fits is fine, and a rejected call left the builder as it was
        assertThat(b.build().chaddr()).isEqualTo(new byte[16]);
        assertThat(b.chaddrSnameFile(src, 236 - 208).build().file()).hasSize(128);
        assertThat(DhcpMessage.builder().chaddrSnameFile(new byte[208], 0).build().sname()).hasSize(64);
    }

    @Test
    void copyChaddrSnameFileWritesTheFieldsBackContiguously() {
        byte[] chaddr = pattern(6, 21);
        byte[] sname = "server".getBytes(StandardCharsets.US_ASCII);
        byte[] file = pattern(128, 23);
        DhcpMessage m = DhcpMessage.builder().chaddr(chaddr).sname(sname).file(file).build();

        byte[] dst = pattern(260, 99);
        byte[] before = dst.clone();
        m.copyChaddrSnameFile(dst, 30);

        assertThat(Arrays.copyOfRange(dst, 30, 46)).isEqualTo(padded(chaddr, 16));
        assertThat(Arrays.copyOfRange(dst, 46, 110)).isEqualTo(padded(sname, 64));
        assertThat(Arrays.copyOfRange(dst, 110, 238)).isEqualTo(file);
        // nothing outside the 208 bytes is touched
        assertThat(Arrays.copyOfRange(dst, 0, 30)).isEqualTo(Arrays.copyOfRange(before, 0, 30));
        assertThat(Arrays.copyOfRange(dst, 238, 260)).isEqualTo(Arrays.copyOfRange(before, 238, 260));

        // writing into dst and changing it afterwards does not reach the message
        Arrays.fill(dst, (byte) 0);
        assertThat(m.chaddr()).isEqualTo(padded(chaddr, 16));
        assertThat(m.file()).isEqualTo(file);
    }

    @Test
    void chaddrSnameFileAndCopyChaddrSnameFileRoundTrip() {
        byte[] src = pattern(400, 31);
        DhcpMessage m = DhcpMessage.builder().chaddrSnameFile(src, 101).build();
        byte[] dst = new byte[208];
        m.copyChaddrSnameFile(dst, 0);

        assertThat(dst).isEqualTo(Arrays.copyOfRange(src, 101, 309));
        assertThat(DhcpMessage.builder().chaddrSnameFile(dst, 0).build()).isEqualTo(m);
    }

    @Test
    void wireLayoutCopiesTheGivenRange() {
        byte[] src = pattern(500, 41);
        DhcpMessage.Builder b = DhcpMessage.builder().wireLayout(src, 236, 100, 0);
        src[236] = 0;
        DhcpMessage m = b.build();
        byte[] keep = pattern(500, 41);
        Arrays.fill(src, (byte) 0x44);

        assertThat(m.wireVendLength()).isEqualTo(100);
        assertThat(m.wireVendArea()).hasValueSatisfying(v -> assertThat(v).isEqualTo(Arrays.copyOfRange(keep, 236, 336)));
        byte[] out = new byte[110];
        m.copyWireVendArea(out, 5);
        assertThat(Arrays.copyOfRange(out, 5, 105)).isEqualTo(Arrays.copyOfRange(keep, 236, 336));
        // only the two overload bits are kept
        assertThat(DhcpMessage.builder().wireLayout(keep, 0, 4, 3).build().overloaded()).isEqualTo(3);
        assertThat(DhcpMessage.builder().wireLayout(keep, 0, 4, 7).build().overloaded()).isEqualTo(3);
        assertThat(DhcpMessage.builder().wireLayout(keep, 10, 0, 0).build().wireVendLength()).isZero();
        // the whole-array form is the range form from 0
        assertThat(DhcpMessage.builder().wireLayout(Arrays.copyOfRange(keep, 236, 336), 1).build().wireVendArea())
                .hasValueSatisfying(v -> assertThat(v).isEqualTo(Arrays.copyOfRange(keep, 236, 336)));
    }

    // ---- decoded packets -------------------------------------------------------------------------

    private static DhcpMessage requestWithOptions() throws Exception {
        return DhcpMessage.builder().xid(0x1234abcd).secs(3).broadcast(true).giaddr(ip("198.51.100.1"))
                .hardwareAddress(HardwareAddress.ethernet(new byte[] {2, 0, 0, 0, 0x0b, 7})).sname("srv").file("boot.img")
                .options(DhcpOptions.of(DhcpOption.ofUint8(53, MessageType.REQUEST.code()),
                        DhcpOption.of(61, new byte[] {1, 2, 0, 0, 0, 0x0b, 7}),
                        DhcpOption.ofAddress(50, ip("198.51.100.77")), DhcpOption.ofText(12, "client-host"),
                        DhcpOption.of(55, new byte[] {1, 3, 6, 15, 42, 119}), DhcpOption.ofUint16(57, 1500),
                        DhcpOption.of(82, new byte[] {1, 4, 'e', 't', 'h', '0', 2, 2, 0x0c, (byte) 0x99})))
                .build();
    }

    @Test
    void aDecodedPacketReencodesByteForByteAndIgnoresLaterChangesToItsInput() throws Exception {
        byte[] packet = DhcpCodec.encode(requestWithOptions());
        byte[] keep = packet.clone();
        DhcpMessage decoded = DhcpCodec.decode(packet);
        DhcpMessage reference = DhcpCodec.decode(keep.clone());

        assertThat(DhcpCodec.encode(decoded)).isEqualTo(keep);
        assertThat(decoded).isEqualTo(requestWithOptions());

        Arrays.fill(packet, (byte) 0x5a);

        assertThat(decoded).isEqualTo(reference);
        assertThat(decoded.chaddr()).isEqualTo(reference.chaddr());
        assertThat(decoded.snameText()).isEqualTo("srv");
        assertThat(decoded.fileText()).isEqualTo("boot.img");
        assertThat(decoded.options().text(12)).contains("client-host");
        assertThat(decoded.wireVendArea()).hasValueSatisfying(v -> assertThat(v).isEqualTo(Arrays.copyOfRange(keep, 236,
                keep.length)));
        assertThat(DhcpCodec.encode(decoded)).isEqualTo(keep);
    }

    @Test
    void aPacketDecodedFromTheMiddleOfABufferReencodesAndIgnoresTheBuffer() throws Exception {
        byte[] packet = DhcpCodec.encode(requestWithOptions());
        byte[] buffer = pattern(packet.length + 40, 3);
        System.arraycopy(packet, 0, buffer, 17, packet.length);

        DhcpMessage fromRange = DhcpCodec.decode(buffer, 17, packet.length);
        DhcpMessage fromByteBuffer = DhcpCodec.decode(ByteBuffer.wrap(buffer, 17, packet.length));
        Arrays.fill(buffer, (byte) 0x77);

        assertThat(DhcpCodec.encode(fromRange)).isEqualTo(packet);
        assertThat(DhcpCodec.encode(fromByteBuffer)).isEqualTo(packet);
        assertThat(fromRange).isEqualTo(requestWithOptions());
        assertThat(fromRange.hardwareAddress()).isEqualTo(HardwareAddress.ethernet(new byte[] {2, 0, 0, 0, 0x0b, 7}));
    }

    @Test
    void everyCapturedPacketReencodesByteForByteAfterItsInputIsOverwritten() throws Exception {
        for (Vectors.Vector v : Vectors.all()) {
            byte[] packet = v.bytes().clone();
            DhcpMessage decoded = DhcpCodec.decode(packet);
            byte[] chaddr = decoded.chaddr();
            byte[] sname = decoded.sname();
            byte[] file = decoded.file();
            Arrays.fill(packet, (byte) 0xee);

            assertThat(DhcpCodec.encode(decoded)).as(v.toString()).isEqualTo(v.bytes());
            assertThat(decoded.chaddr()).as(v.toString()).isEqualTo(chaddr).isEqualTo(Arrays.copyOfRange(v.bytes(), 28, 44));
            assertThat(decoded.sname()).as(v.toString()).isEqualTo(sname).isEqualTo(Arrays.copyOfRange(v.bytes(), 44, 108));
            assertThat(decoded.file()).as(v.toString()).isEqualTo(file).isEqualTo(Arrays.copyOfRange(v.bytes(), 108, 236));
            assertThat(decoded).as(v.toString()).isEqualTo(DhcpCodec.decode(v.bytes()));
        }
    }

    /** A DISCOVER whose options overflow into file and sname (option 52 = 3). */
    private static byte[] overloadedPacket() throws Exception {
        byte[] p = new byte[300];
        p[0] = 1;
        p[1] = 1;
        p[2] = 6;
        p[4] = 0x11;
        p[7] = 0x22;
        byte[] mac = {2, 0, 0, 0, 0x0c, 3};
        System.arraycopy(mac, 0, p, 28, 6);
        // file (offset 108): option 12 "host-in-file", End
        byte[] host = "host-in-file".getBytes(StandardCharsets.US_ASCII);
        p[108] = 12;
        p[109] = (byte) host.length;
        System.arraycopy(host, 0, p, 110, host.length);
        p[110 + host.length] = (byte) 255;
        // sname (offset 44): option 15 "in.sname", End
        byte[] domain = "in.sname".getBytes(StandardCharsets.US_ASCII);
        p[44] = 15;
        p[45] = (byte) domain.length;
        System.arraycopy(domain, 0, p, 46, domain.length);
        p[46 + domain.length] = (byte) 255;
        // cookie and main area: 53 = DISCOVER, 52 = 3, End
        p[236] = 0x63;
        p[237] = (byte) 0x82;
        p[238] = 0x53;
        p[239] = 0x63;
        int i = 240;
        p[i++] = 53;
        p[i++] = 1;
        p[i++] = 1;
        p[i++] = 52;
        p[i++] = 1;
        p[i++] = 3;
        p[i] = (byte) 255;
        return p;
    }

    @Test
    void anOverloadedPacketKeepsItsOptionsAndFieldsAfterItsInputIsOverwritten() throws Exception {
        byte[] packet = overloadedPacket();
        DhcpMessage decoded = DhcpCodec.decode(packet);
        Arrays.fill(packet, (byte) 0);

        assertThat(decoded.overloaded()).isEqualTo(3);
        assertThat(decoded.options().text(12)).contains("host-in-file");
        assertThat(decoded.options().text(15)).contains("in.sname");
        assertThat(decoded.messageType()).contains(MessageType.DISCOVER);
        assertThat(decoded.snameText()).isEmpty();
        assertThat(decoded.fileText()).isEmpty();
        assertThat(decoded.file()[0]).isEqualTo((byte) 12);
        assertThat(decoded.sname()[0]).isEqualTo((byte) 15);
        assertThat(DhcpCodec.encode(decoded)).isEqualTo(overloadedPacket());
    }
}
