package org.leasehold.nacf.internal.codec;

import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Optional;
import org.leasehold.nacf.A2Binding;
import org.leasehold.nacf.A2Kind;
import org.leasehold.nacf.A2Message;
import org.leasehold.nacf.A2ProtocolException;
import org.leasehold.nacf.A2Session;

/**
 * One connection of the Leasehold a2 format. Requests are signed like RADIUS Accounting-Requests
 * (MD5 over the message with a zero authenticator, then the secret); answers like RADIUS responses
 * (MD5 over the message with the request's authenticator, then the secret). Each direction has its
 * own identifier space; the session keeps the authenticator of every request awaiting an answer in
 * either direction. Not thread-safe.
 */
final class LeaseholdA2Session implements A2Session {

    private static final byte[] ZERO_AUTH = new byte[Wire.AUTH];

    private final byte[] secret;
    /** Authenticators of our requests awaiting the peer's answer, by identifier. */
    private final byte[][] sent = new byte[256][];
    /** Authenticators of the peer's requests awaiting our answer, by identifier. */
    private final byte[][] received = new byte[256][];

    LeaseholdA2Session(byte[] secret) {
        if (secret == null || secret.length == 0) {
            throw new IllegalArgumentException("the a2 shared secret must not be empty");
        }
        this.secret = secret.clone();
    }

    @Override
    public int maxIdentifier() {
        return 255;
    }

    @Override
    public byte[] encode(A2Message m) {
        if (m.identifier() < 0 || m.identifier() > 255) {
            throw new IllegalArgumentException("identifier out of 0..255: " + m.identifier());
        }
        byte[] attributes = attributes(m);
        int length = Wire.HEADER + attributes.length;
        if (length > Wire.MAX_FRAME) {
            throw new IllegalArgumentException("message of " + length + " bytes exceeds " + Wire.MAX_FRAME);
        }
        byte[] frame = new byte[length];
        frame[0] = (byte) Wire.code(m.kind());
        frame[1] = (byte) m.identifier();
        frame[2] = (byte) (length >>> 8);
        frame[3] = (byte) length;
        System.arraycopy(attributes, 0, frame, Wire.HEADER, attributes.length);
        byte[] basis;
        if (m.kind().isRequest()) {
            basis = ZERO_AUTH;
        } else {
            basis = received[m.identifier()];
            received[m.identifier()] = null;
            if (basis == null) {
                throw new IllegalArgumentException("no request " + m.identifier() + " from the peer to answer");
            }
        }
        byte[] auth = authenticator(frame, basis);
        System.arraycopy(auth, 0, frame, 4, Wire.AUTH);
        if (m.kind().isRequest()) {
            sent[m.identifier()] = auth;
        }
        return frame;
    }

    @Override
    public Optional<A2Message> decode(ByteBuffer in) throws A2ProtocolException {
        int start = in.position();
        if (in.remaining() < 4) {
            return Optional.empty();
        }
        int code = in.get(start) & 0xff;
        int id = in.get(start + 1) & 0xff;
        int length = ((in.get(start + 2) & 0xff) << 8) | (in.get(start + 3) & 0xff);
        A2Kind kind = Wire.kind(code);
        if (kind == null) {
            throw new A2ProtocolException(0, "unknown message code " + code);
        }
        if (length < Wire.HEADER || length > Wire.MAX_FRAME) {
            throw new A2ProtocolException(2, "message length " + length + " outside " + Wire.HEADER + ".."
                    + Wire.MAX_FRAME);
        }
        if (in.remaining() < length) {
            return Optional.empty();
        }
        byte[] frame = new byte[length];
        in.get(frame);
        byte[] claimed = Arrays.copyOfRange(frame, 4, 4 + Wire.AUTH);
        Arrays.fill(frame, 4, 4 + Wire.AUTH, (byte) 0);
        byte[] basis = kind.isRequest() ? ZERO_AUTH : sent[id];
        if (basis == null) {
            throw new A2ProtocolException(1, kind + " " + id + " answers no request of ours");
        }
        if (!MessageDigest.isEqual(claimed, authenticator(frame, basis))) {
            throw new A2ProtocolException(4, kind + " " + id + ": authenticator does not match (wrong secret or forged)");
        }
        A2Message m = parse(kind, id, frame);
        if (kind.isRequest()) {
            received[id] = claimed;
        } else {
            sent[id] = null;
        }
        return Optional.of(m);
    }

    private byte[] authenticator(byte[] frameWithBasisSlot, byte[] basis) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update(frameWithBasisSlot, 0, 4);
            md5.update(basis);
            md5.update(frameWithBasisSlot, Wire.HEADER, frameWithBasisSlot.length - Wire.HEADER);
            md5.update(secret);
            return md5.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every JRE", e);
        }
    }

    private static byte[] attributes(A2Message m) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        A2Binding b = m.binding();
        if (b != null) {
            put(out, Wire.CPE_IP, b.address().getAddress());
            text(out, Wire.REALM, b.realm());
            text(out, Wire.TOPOLOGY_ZONE, b.topologyZone());
            text(out, Wire.CIRCUIT_ID, b.circuitId());
            text(out, Wire.REMOTE_ID, b.remoteId());
            text(out, Wire.NETWORK_TYPE, b.networkType());
            byte[] mac = b.mac();
            if (mac.length > 0) {
                put(out, Wire.MAC, Arrays.copyOf(mac, Math.min(mac.length, 16)));
            }
            if (b.startEpochSecond() > 0) {
                put(out, Wire.LEASE_START, uint32(Math.min(b.startEpochSecond(), Wire.INFINITE - 1)));
            }
            if (b.endEpochSecond() > 0) {
                put(out, Wire.LEASE_END, uint32(b.endEpochSecond() >= Wire.INFINITE ? Wire.INFINITE : b.endEpochSecond()));
            }
        }
        if (!m.kind().isRequest()) {
            put(out, Wire.RESULT, uint32(m.result() & 0xFFFF_FFFFL));
        }
        text(out, Wire.REASON, m.reason());
        return out.toByteArray();
    }

    private static void text(ByteArrayOutputStream out, int type, String value) {
        if (value.isEmpty()) {
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        int n = bytes.length;
        if (n > Wire.MAX_TEXT) {          // cut at a character boundary: never a broken UTF-8 sequence
            n = Wire.MAX_TEXT;
            while (n > 0 && (bytes[n] & 0xC0) == 0x80) {
                n--;
            }
        }
        put(out, type, Arrays.copyOf(bytes, n));
    }

    private static void put(ByteArrayOutputStream out, int type, byte[] value) {
        out.write(type);
        out.write(value.length + 2);
        out.writeBytes(value);
    }

    private static byte[] uint32(long v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    private static A2Message parse(A2Kind kind, int id, byte[] frame) throws A2ProtocolException {
        Fields f = new Fields();
        int at = Wire.HEADER;
        while (at < frame.length) {
            if (frame.length - at < 2) {
                throw new A2ProtocolException(at, "truncated attribute header");
            }
            int type = frame[at] & 0xff;
            int len = frame[at + 1] & 0xff;
            if (len < 2 || at + len > frame.length) {
                throw new A2ProtocolException(at, "attribute " + type + " length " + len + " overruns the message");
            }
            f.read(type, frame, at, len);
            at += len;
        }
        return f.message(kind, id);
    }

    /** The attributes of one message as read; the first of a repeated attribute counts. */
    private static final class Fields {
        Inet4Address ip;
        String realm = "";
        String zone = "";
        String circuit = "";
        String remote = "";
        String type = "";
        byte[] mac;
        long start;
        long end;
        Integer result;
        String reason = "";
        boolean[] seen = new boolean[256];

        void read(int t, byte[] frame, int at, int len) throws A2ProtocolException {
            if (seen[t]) {
                return;
            }
            seen[t] = true;
            int vlen = len - 2;
            int v = at + 2;
            switch (t) {
                case Wire.CPE_IP -> ip = address(frame, at, v, vlen);
                case Wire.REALM -> realm = utf8(frame, at, v, vlen);
                case Wire.TOPOLOGY_ZONE -> zone = utf8(frame, at, v, vlen);
                case Wire.CIRCUIT_ID -> circuit = utf8(frame, at, v, vlen);
                case Wire.REMOTE_ID -> remote = utf8(frame, at, v, vlen);
                case Wire.NETWORK_TYPE -> type = utf8(frame, at, v, vlen);
                case Wire.MAC -> {
                    if (vlen < 1 || vlen > 16) {
                        throw new A2ProtocolException(at, "MAC-Address of " + vlen + " bytes");
                    }
                    mac = Arrays.copyOfRange(frame, v, v + vlen);
                }
                case Wire.LEASE_START -> start = uint32(frame, at, v, vlen);
                case Wire.LEASE_END -> {
                    long e = uint32(frame, at, v, vlen);
                    end = e == Wire.INFINITE ? Long.MAX_VALUE : e;
                }
                case Wire.RESULT -> result = (int) uint32(frame, at, v, vlen);
                case Wire.REASON -> reason = utf8(frame, at, v, vlen);
                default -> {
                    // an attribute of a later revision: skipped, as RADIUS does
                }
            }
        }

        A2Message message(A2Kind kind, int id) throws A2ProtocolException {
            boolean needsIp = kind == A2Kind.ATTACH || kind == A2Kind.DETACH || kind == A2Kind.PULL;
            if (needsIp && ip == null) {
                throw new A2ProtocolException(Wire.HEADER, kind + " without CPE-IP-Address");
            }
            boolean needsResult = kind == A2Kind.ATTACH_ANSWER || kind == A2Kind.DETACH_ANSWER
                    || kind == A2Kind.PULL_ANSWER || kind == A2Kind.ERROR;
            if (needsResult && result == null) {
                throw new A2ProtocolException(Wire.HEADER, kind + " without Result-Code");
            }
            if (kind == A2Kind.PULL_ANSWER && result == A2Message.SUCCESS && ip == null) {
                throw new A2ProtocolException(Wire.HEADER, "successful PULL_ANSWER without CPE-IP-Address");
            }
            A2Binding b = ip == null ? null : new A2Binding(ip, realm, zone, circuit, remote, type, mac, start, end);
            return new A2Message(kind, id, b, result == null ? 0 : result, reason);
        }

        private static Inet4Address address(byte[] f, int at, int v, int vlen) throws A2ProtocolException {
            if (vlen != 4) {
                throw new A2ProtocolException(at, "CPE-IP-Address of " + vlen + " bytes");
            }
            try {
                return (Inet4Address) InetAddress.getByAddress(Arrays.copyOfRange(f, v, v + 4));
            } catch (UnknownHostException e) {
                throw new A2ProtocolException(at, "CPE-IP-Address unreadable");
            }
        }

        private static long uint32(byte[] f, int at, int v, int vlen) throws A2ProtocolException {
            if (vlen != 4) {
                throw new A2ProtocolException(at, "32-bit attribute of " + vlen + " bytes");
            }
            return ((f[v] & 0xffL) << 24) | ((f[v + 1] & 0xffL) << 16) | ((f[v + 2] & 0xffL) << 8) | (f[v + 3] & 0xffL);
        }

        private static String utf8(byte[] f, int at, int v, int vlen) throws A2ProtocolException {
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(f, v, vlen)).toString();
            } catch (CharacterCodingException e) {
                throw new A2ProtocolException(at, "text attribute is not UTF-8");
            }
        }
    }
}
