package org.leasehold.core.internal.lease;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.CRC32C;
import org.leasehold.api.lease.ClientKey;
import org.leasehold.api.lease.Lease;
import org.leasehold.api.lease.LeaseKey;
import org.leasehold.api.lease.LeaseState;
import org.leasehold.api.message.HardwareAddress;

/**
 * Binary form of journal records.
 *
 * <p>A file is an 8-byte header ({@link #MAGIC}, {@link #FILE_FORMAT}) followed by frames:
 * {@code int32 payloadLength, int32 crc32c(payload), payload}. A payload starts with a version byte
 * ({@link #VERSION}) and a type byte ({@link #PUT}, {@link #DELETE}, {@link #STAGED} or {@link #APPLY}); the
 * rest is the type's fields, big-endian, strings as {@code u16 length + UTF-8}. A bulk import writes its
 * leases as {@link #STAGED} records ({@code u64 import id} then a PUT's fields), which change nothing
 * until the one {@link #APPLY} record ({@code u64 import id, u32 count}) that puts them all in place:
 * an import cut short by a crash leaves staged records that a replay ignores. A reader that finds a frame with a good CRC but an
 * unknown version must stop rather than cut: the file was written by a newer Leasehold.
 *
 * <p>Stateless: encoding may run on any thread. A {@link Decoder} is not thread-safe (it shares
 * repeated strings such as subnet names among decoded leases to save memory on replay).
 */
final class LeaseRecordCodec {

    static final int MAGIC = 0x4C484C4A; // "LHLJ"
    static final int FILE_FORMAT = 1;
    static final int FILE_HEADER_BYTES = 8;
    static final int FRAME_HEADER_BYTES = 8;
    /** Larger than any real lease (option 82 and names are at most 255 bytes each on the wire). */
    static final int MAX_PAYLOAD = 256 << 10;
    static final byte VERSION = 1;
    /** Records of leases with variables: version 1 plus {@code u16 count, (name, value)*} after the classes. */
    static final byte VERSION_VARIABLES = 2;
    static final byte PUT = 1;
    static final byte DELETE = 2;
    /** A lease of a bulk import, not in force until its {@link #APPLY}. */
    static final byte STAGED = 3;
    /** Puts every {@link #STAGED} lease of one import in force, atomically. */
    static final byte APPLY = 4;

    private static final int F_CLIENT = 1;
    private static final int F_HARDWARE = 2;
    private static final int F_BOOTP = 4;
    private static final LeaseState[] STATES = LeaseState.values();

    private LeaseRecordCodec() {
    }

    /** The file header bytes. */
    static ByteBuffer fileHeader() {
        return ByteBuffer.allocate(FILE_HEADER_BYTES).putInt(MAGIC).putInt(FILE_FORMAT).flip();
    }

    /** A complete frame storing {@code lease}. */
    static byte[] encodePut(Lease lease) {
        byte[] space = utf8(lease.key().space());
        byte[] hostname = utf8(lease.hostname());
        byte[] subnet = utf8(lease.subnet());
        byte[] pool = utf8(lease.pool());
        byte[] client = lease.client() == null ? null : lease.client().bytes();
        byte[] hardware = lease.hardware() == null ? null : lease.hardware().bytes();
        byte[] relay = lease.relayAgentInfo();
        byte[][] classes = new byte[lease.classes().size()][];
        int classBytes = 0;
        int i = 0;
        for (String c : lease.classes()) {
            classes[i] = utf8(c);
            classBytes += 2 + classes[i++].length;
        }
        byte[][] variables = new byte[lease.variables().size() * 2][];
        int variableBytes = variables.length == 0 ? 0 : 2;
        i = 0;
        for (Map.Entry<String, String> v : lease.variables().entrySet()) {
            variables[i] = utf8(v.getKey());
            variables[i + 1] = utf8(v.getValue());
            variableBytes += 4 + variables[i].length + variables[i + 1].length;
            i += 2;
        }
        int length = 2 + (2 + space.length) + 4 + 1 + 1 + (client == null ? 0 : 2 + client.length)
                + (hardware == null ? 0 : 2 + hardware.length) + 16 + (2 + hostname.length) + (2 + subnet.length)
                + (2 + pool.length) + (2 + relay.length) + 2 + classBytes + variableBytes;
        ByteBuffer b = frame(length);
        b.put(variables.length == 0 ? VERSION : VERSION_VARIABLES).put(PUT);
        putBytes(b, space);
        b.put(lease.key().address().getAddress());
        b.put((byte) stateCode(lease.state()));
        b.put((byte) ((client == null ? 0 : F_CLIENT) | (hardware == null ? 0 : F_HARDWARE)
                | (lease.bootp() ? F_BOOTP : 0)));
        if (client != null) {
            putBytes(b, client);
        }
        if (hardware != null) {
            b.put((byte) lease.hardware().htype());
            b.put((byte) hardware.length);
            b.put(hardware);
        }
        b.putLong(lease.startEpochSecond()).putLong(lease.endEpochSecond());
        putBytes(b, hostname);
        putBytes(b, subnet);
        putBytes(b, pool);
        putBytes(b, relay);
        b.putShort((short) classes.length);
        for (byte[] c : classes) {
            putBytes(b, c);
        }
        if (variables.length > 0) {
            b.putShort((short) (variables.length / 2));
            for (byte[] v : variables) {
                putBytes(b, v);
            }
        }
        return seal(b);
    }

    /** A complete frame staging {@code lease} for import {@code importId}: a PUT's fields after the id. */
    static byte[] encodeStaged(long importId, Lease lease) {
        byte[] put = encodePut(lease);
        int payload = put.length - FRAME_HEADER_BYTES;
        ByteBuffer b = frame(payload + 8);
        b.put(put[FRAME_HEADER_BYTES]).put(STAGED).putLong(importId);
        b.put(put, FRAME_HEADER_BYTES + 2, payload - 2);
        return seal(b);
    }

    /** A complete frame putting the {@code count} staged leases of import {@code importId} in force. */
    static byte[] encodeApply(long importId, int count) {
        ByteBuffer b = frame(2 + 8 + 4);
        b.put(VERSION).put(APPLY).putLong(importId).putInt(count);
        return seal(b);
    }

    /** A complete frame removing the lease of {@code key}. */
    static byte[] encodeDelete(LeaseKey key) {
        byte[] space = utf8(key.space());
        ByteBuffer b = frame(2 + 2 + space.length + 4);
        b.put(VERSION).put(DELETE);
        putBytes(b, space);
        b.put(key.address().getAddress());
        return seal(b);
    }

    /** CRC32C of {@code length} bytes of {@code buf} from {@code offset}. */
    static int crc(ByteBuffer buf, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(buf.duplicate().limit(offset + length).position(offset));
        return (int) crc.getValue();
    }

    private static ByteBuffer frame(int payloadLength) {
        if (payloadLength > MAX_PAYLOAD) {
            throw new IllegalArgumentException("lease record too large: " + payloadLength + " bytes");
        }
        ByteBuffer b = ByteBuffer.allocate(FRAME_HEADER_BYTES + payloadLength);
        b.putInt(payloadLength).putInt(0);
        return b;
    }

    private static byte[] seal(ByteBuffer b) {
        if (b.hasRemaining()) {
            throw new IllegalStateException("record length mismatch");
        }
        b.putInt(4, crc(b, FRAME_HEADER_BYTES, b.capacity() - FRAME_HEADER_BYTES));
        return b.array();
    }

    private static byte[] utf8(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > 0xFFFF) {
            throw new IllegalArgumentException("string too long for a lease record: " + b.length + " bytes");
        }
        return b;
    }

    private static void putBytes(ByteBuffer b, byte[] v) {
        if (v.length > 0xFFFF) {
            throw new IllegalArgumentException("field too long for a lease record: " + v.length + " bytes");
        }
        b.putShort((short) v.length).put(v);
    }

    /** Stable on-disk codes, independent of the enum's declaration order. */
    static int stateCode(LeaseState s) {
        return switch (s) {
            case FREE -> 1;
            case ACTIVE -> 2;
            case EXPIRED -> 3;
            case RELEASED -> 4;
            case ABANDONED -> 5;
            case RESET -> 6;
            case BACKUP -> 7;
        };
    }

    static LeaseState state(int code) {
        for (LeaseState s : STATES) {
            if (stateCode(s) == code) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown lease state code " + code);
    }

    /** Decodes payloads; shares repeated strings. Not thread-safe. */
    static final class Decoder {
        private final Map<String, String> strings = new HashMap<>();

        /**
         * Decodes one payload (version byte first). Throws IllegalArgumentException for a payload this
         * version cannot read.
         */
        JournalRecord decode(ByteBuffer payload) {
            try {
                byte version = payload.get();
                if (version != VERSION && version != VERSION_VARIABLES) {
                    throw new IllegalArgumentException("unknown record version " + version);
                }
                byte type = payload.get();
                JournalRecord r = switch (type) {
                    case PUT -> new JournalRecord.Put(decodeLease(payload, version == VERSION_VARIABLES));
                    case DELETE -> new JournalRecord.Delete(new LeaseKey(string(payload, 0), address(payload)));
                    case STAGED -> {
                        long id = payload.getLong();
                        yield new JournalRecord.Staged(id, decodeLease(payload, version == VERSION_VARIABLES));
                    }
                    case APPLY -> new JournalRecord.Apply(payload.getLong(), payload.getInt());
                    default -> throw new IllegalArgumentException("unknown record type " + type);
                };
                if (payload.hasRemaining()) {
                    throw new IllegalArgumentException(payload.remaining() + " unexpected bytes after record");
                }
                return r;
            } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
                // Relative reads underflow; the absolute length peek of a string field (see string) throws
                // IndexOutOfBoundsException instead when fewer than two bytes are left.
                throw new IllegalArgumentException("record ends early", e);
            }
        }

        private Lease decodeLease(ByteBuffer p, boolean withVariables) {
            LeaseKey key = new LeaseKey(string(p, 0), address(p));
            LeaseState state = state(p.get() & 0xFF);
            int flags = p.get() & 0xFF;
            ClientKey client = (flags & F_CLIENT) != 0 ? new ClientKey(bytes(p)) : null;
            HardwareAddress hardware = null;
            if ((flags & F_HARDWARE) != 0) {
                int htype = p.get() & 0xFF;
                byte[] hw = new byte[p.get() & 0xFF];
                p.get(hw);
                hardware = new HardwareAddress(htype, hw);
            }
            long start = p.getLong();
            long end = p.getLong();
            byte[] host = bytes(p);
            String hostname = host.length == 0 ? "" : new String(host, StandardCharsets.UTF_8);
            String subnet = string(p, 1);
            String pool = string(p, 2);
            byte[] relay = bytes(p);
            int classCount = p.getShort() & 0xFFFF;
            Set<String> classes = classCount == 0 ? Set.of() : new TreeSet<>();
            for (int i = 0; i < classCount; i++) {
                classes.add(string(p, 3));
            }
            Map<String, String> variables = Map.of();
            if (withVariables) {
                int n = p.getShort() & 0xFFFF;
                variables = new TreeMap<>();
                for (int i = 0; i < n; i++) {
                    String name = new String(bytes(p), StandardCharsets.UTF_8);
                    variables.put(name, new String(bytes(p), StandardCharsets.UTF_8));
                }
            }
            return new Lease(key, state, client, hardware, start, end, hostname, subnet, pool, relay, classes,
                    (flags & F_BOOTP) != 0, variables);
        }

        /** The last string decoded, and its bytes: consecutive records mostly repeat space, subnet, pool. */
        private final byte[][] lastBytes = new byte[4][];
        private final String[] lastString = new String[4];

        /** A string field; {@code i} names its place in the record (0 space, 1 subnet, 2 pool, 3 class). */
        private String string(ByteBuffer p, int i) {
            int n = p.getShort(p.position()) & 0xFFFF;
            int at = p.position() + 2;
            byte[] last = lastBytes[i];
            if (last != null && last.length == n && p.remaining() >= 2 + n && same(p, at, last)) {
                p.position(at + n);
                return lastString[i];
            }
            byte[] v = bytes(p);
            String s = strings.computeIfAbsent(new String(v, StandardCharsets.UTF_8), k -> k);
            lastBytes[i] = v;
            lastString[i] = s;
            return s;
        }

        private static boolean same(ByteBuffer p, int at, byte[] v) {
            for (int j = 0; j < v.length; j++) {
                if (p.get(at + j) != v[j]) {
                    return false;
                }
            }
            return true;
        }

        private static byte[] bytes(ByteBuffer p) {
            byte[] v = new byte[p.getShort() & 0xFFFF];
            p.get(v);
            return v;
        }

        private static Inet4Address address(ByteBuffer p) {
            byte[] a = new byte[4];
            p.get(a);
            try {
                return (Inet4Address) InetAddress.getByAddress(a);
            } catch (UnknownHostException e) {
                throw new IllegalStateException("4 bytes are always an IPv4 address", e);
            }
        }
    }
}
