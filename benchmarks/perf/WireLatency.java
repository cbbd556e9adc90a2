import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * DHCP exchange latencies as the wire saw them: reads a pcap file (Ethernet, IPv4, UDP; tcpdump's
 * kernel timestamps) taken on the load generator's interface and pairs each DISCOVER with the first
 * OFFER of the same transaction id, each REQUEST with the first ACK of its id. The generator's own
 * delay in reading replies is not in these figures, unlike its per-exchange timestamps.
 *
 * <p>Usage: {@code java WireLatency.java FILE.pcap} prints one CSV line
 * {@code do_p50_ms,do_p99_ms,ra_p50_ms,ra_p99_ms,ra_max_ms,exchanges} ("NA" where none paired).
 * Run as a single-file source program; it needs only the JDK.
 */
public final class WireLatency {

    private static final int DISCOVER = 1, OFFER = 2, REQUEST = 3, ACK = 5;

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: java WireLatency.java FILE.pcap");
            System.exit(2);
        }
        Map<Integer, Long> discovers = new HashMap<>(1 << 20);
        Map<Integer, Long> requests = new HashMap<>(1 << 20);
        Samples offerDelays = new Samples();
        Samples ackDelays = new Samples();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(new FileInputStream(args[0]), 1 << 20))) {
            byte[] header = new byte[24];
            in.readFully(header);
            ByteBuffer h = ByteBuffer.wrap(header);
            int magic = h.getInt(0);
            ByteOrder order;
            long fractionsPerSecond;
            switch (magic) {
                case 0xa1b2c3d4: order = ByteOrder.BIG_ENDIAN; fractionsPerSecond = 1_000_000L; break;
                case 0xd4c3b2a1: order = ByteOrder.LITTLE_ENDIAN; fractionsPerSecond = 1_000_000L; break;
                case 0xa1b23c4d: order = ByteOrder.BIG_ENDIAN; fractionsPerSecond = 1_000_000_000L; break;
                case 0x4d3cb2a1: order = ByteOrder.LITTLE_ENDIAN; fractionsPerSecond = 1_000_000_000L; break;
                default: throw new IOException("not a pcap file: magic " + Integer.toHexString(magic));
            }
            h.order(order);
            if (h.getInt(20) != 1) {
                throw new IOException("link type " + h.getInt(20) + ", expected Ethernet (1)");
            }
            byte[] recordHeader = new byte[16];
            ByteBuffer r = ByteBuffer.wrap(recordHeader).order(order);
            byte[] data = new byte[65536];
            while (true) {
                try {
                    in.readFully(recordHeader);
                } catch (EOFException end) {
                    break; // a capture cut short ends mid-record; what was read counts
                }
                long nanos = (r.getInt(0) & 0xffffffffL) * 1_000_000_000L
                        + (r.getInt(4) & 0xffffffffL) * (1_000_000_000L / fractionsPerSecond);
                int captured = r.getInt(8);
                if (captured < 0 || captured > data.length) {
                    throw new IOException("corrupt record length " + captured);
                }
                try {
                    in.readFully(data, 0, captured);
                } catch (EOFException end) {
                    break;
                }
                int[] parsed = dhcp(data, captured);
                if (parsed == null) {
                    continue;
                }
                int type = parsed[0], xid = parsed[1];
                switch (type) {
                    case DISCOVER -> discovers.putIfAbsent(xid, nanos);
                    case REQUEST -> requests.putIfAbsent(xid, nanos);
                    case OFFER -> pair(discovers, xid, nanos, offerDelays);
                    case ACK -> pair(requests, xid, nanos, ackDelays);
                    default -> { }
                }
            }
        }
        System.out.println(offerDelays.percentile(0.50) + "," + offerDelays.percentile(0.99) + ","
                + ackDelays.percentile(0.50) + "," + ackDelays.percentile(0.99) + "," + ackDelays.percentile(1.0)
                + "," + ackDelays.size);
    }

    private static void pair(Map<Integer, Long> sent, int xid, long nanos, Samples delays) {
        Long at = sent.remove(xid);
        if (at != null) {
            delays.add(nanos - at);
        }
    }

    /** {message type, xid} of a BOOTP/DHCP packet over Ethernet/IPv4/UDP, or null. */
    private static int[] dhcp(byte[] p, int length) {
        if (length < 14 + 20 + 8 + 240 || (p[12] & 0xff) != 0x08 || p[13] != 0x00) {
            return null;
        }
        int ip = 14;
        int ihl = (p[ip] & 0x0f) * 4;
        if ((p[ip] & 0xf0) != 0x40 || p[ip + 9] != 17) {
            return null;
        }
        int bootp = ip + ihl + 8;
        if (bootp + 240 > length || (p[bootp + 236] & 0xff) != 99 || (p[bootp + 237] & 0xff) != 130
                || (p[bootp + 238] & 0xff) != 83 || (p[bootp + 239] & 0xff) != 99) {
            return null;
        }
        int xid = ByteBuffer.wrap(p, bootp + 4, 4).getInt();
        for (int i = bootp + 240; i < length; ) {
            int code = p[i] & 0xff;
            if (code == 0) {
                i++;
                continue;
            }
            if (code == 255 || i + 1 >= length) {
                break;
            }
            int len = p[i + 1] & 0xff;
            if (code == 53 && len == 1 && i + 2 < length) {
                return new int[] {p[i + 2] & 0xff, xid};
            }
            i += 2 + len;
        }
        return null;
    }

    /** Growable list of nanosecond delays with nearest-rank percentiles in milliseconds. */
    private static final class Samples {
        long[] values = new long[1 << 16];
        int size;
        boolean sorted;

        void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
            sorted = false;
        }

        String percentile(double p) {
            if (size == 0) {
                return "NA";
            }
            if (!sorted) {
                Arrays.sort(values, 0, size);
                sorted = true;
            }
            int rank = (int) Math.ceil(p * size);
            return String.format("%.3f", values[Math.max(0, Math.min(size, rank) - 1)] / 1e6);
        }
    }
}
