package org.leasehold.ddns.internal;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.leasehold.ddns.internal.config.TsigKey;
import org.leasehold.ddns.internal.config.ZoneConfig;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.WireParseException;

/**
 * Sends one RFC 2136 UPDATE over UDP to a zone's servers (primary first, then secondaries, each once), signed
 * with the zone's TSIG key, and checks the answer: it must be an UPDATE response and, for a signed
 * update, signed and verified with the same key (a server that rejects the key answers NOTAUTH, which
 * is reported as a refusal). Blocks the calling thread up to the timeout per server: call it only on
 * the DDNS worker threads. Thread-safe.
 */
public final class UpdateSender {

    /** How one update ended at the server: its RCODE (NOERROR, YXDOMAIN, NXRRSET, YXRRSET). */
    record Answer(int rcode, InetSocketAddress server) {
        String rcodeName() {
            return Rcode.string(rcode);
        }
    }

    private static final int MAX_UDP = 65_535;
    private static final int HEADER = 12;
    private final Duration timeout;
    private final Map<TsigKey, TSIG> keys = new ConcurrentHashMap<>();

    UpdateSender(Duration timeout) {
        this.timeout = timeout;
    }

    /**
     * Sends {@code update} to {@code zone}; returns the answer when it is one RFC 2136 allows as an
     * outcome of a prerequisite (NOERROR, YXDOMAIN, NXDOMAIN, YXRRSET, NXRRSET).
     *
     * @throws DnsReplyException for no answer, an unusable answer or a refusal
     */
    Answer send(ZoneConfig zone, Message update) throws DnsReplyException {
        DnsReplyException last = null;
        for (InetSocketAddress server : zone.servers()) {
            try {
                return sendTo(server, zone.key(), update);
            } catch (DnsReplyException e) {
                if (!e.transientFailure()) {
                    throw e;
                }
                last = e;
            }
        }
        throw last;
    }

    private Answer sendTo(InetSocketAddress server, Optional<TsigKey> key, Message update) throws DnsReplyException {
        Message query = update.clone();
        TSIG tsig = key.map(this::tsig).orElse(null);
        if (tsig != null) {
            tsig.apply(query, null);
        }
        Message reply = exchange(server, query, tsig);
        int rcode = reply.getRcode();
        if (!reply.getHeader().getFlag(Flags.QR) || reply.getHeader().getOpcode() != Opcode.UPDATE
                || !query.getQuestion().equals(reply.getQuestion())) {
            throw new DnsReplyException("reply from " + hostPort(server) + " is not the answer to our UPDATE", true, true);
        }
        if (rcode == Rcode.NOTAUTH) {
            String tsigError = reply.getTSIG() == null ? "" : " (TSIG " + Rcode.TSIGstring(reply.getTSIG().getError()) + ")";
            throw new DnsReplyException(hostPort(server) + " refused the update: NOTAUTH" + tsigError
                    + (key.isPresent() ? ", the key " + key.get().name() + " is not accepted" : ", it needs a key"),
                    false, false);
        }
        if (tsig != null && !(reply.isSigned() && reply.isVerified())) {
            throw new DnsReplyException("reply from " + hostPort(server) + " is " + (reply.getTSIG() != null ? "badly signed"
                    : "not signed") + " though the update was signed with " + key.get().name() + ": ignored", true, true);
        }
        switch (rcode) {
            case Rcode.NOERROR, Rcode.YXDOMAIN, Rcode.NXDOMAIN, Rcode.YXRRSET, Rcode.NXRRSET -> {
                return new Answer(rcode, server);
            }
            case Rcode.SERVFAIL -> throw new DnsReplyException(hostPort(server) + " answered SERVFAIL", true, false);
            default -> throw new DnsReplyException(hostPort(server) + " refused the update: " + Rcode.string(rcode),
                    false, false);
        }
    }

    /**
     * One UDP exchange from a fresh socket (an ephemeral port the kernel picks) connected to the server, so
     * the kernel drops datagrams from anyone else; a datagram that is not the answer to our id is noted and
     * waited past until the timeout. The reply's TSIG, if any, is verified against the query's.
     */
    private Message exchange(InetSocketAddress server, Message query, TSIG tsig) throws DnsReplyException {
        byte[] out = query.toWire(Message.MAXLENGTH);
        int id = query.getHeader().getID();
        String bad = null;
        long deadline = System.nanoTime() + timeout.toNanos();
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(server);
            socket.send(new DatagramPacket(out, out.length));
            byte[] buf = new byte[MAX_UDP];
            while (true) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new SocketTimeoutException("timed out");
                }
                socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                socket.receive(p);
                if (p.getLength() < HEADER || (((buf[0] & 0xff) << 8) | (buf[1] & 0xff)) != id) {
                    bad = "a datagram that is not the answer to our id";
                    continue;
                }
                byte[] in = Arrays.copyOf(buf, p.getLength());
                Message reply = new Message(in);
                if (tsig != null) {
                    tsig.verify(reply, in, query.getTSIG());
                }
                return reply;
            }
        } catch (WireParseException e) {
            throw new DnsReplyException("malformed reply from " + hostPort(server) + ": " + e.getMessage(), true, true);
        } catch (IOException e) {
            if (bad != null) {
                throw new DnsReplyException("no answer from " + hostPort(server) + ", only " + bad, true, true);
            }
            throw new DnsReplyException("no answer from " + hostPort(server) + " (" + e.getMessage() + ")", true, false);
        }
    }

    /** One TSIG per key: built from the secret, it makes a new MAC per use, so sharing it is safe. */
    private TSIG tsig(TsigKey k) {
        return keys.computeIfAbsent(k, UpdateSender::newTsig);
    }

    static TSIG newTsig(TsigKey k) {
        return new TSIG(TSIG.algorithmToName(k.algorithm()), Name.fromConstantString(k.name() + "."), k.secret());
    }

    public static String hostPort(InetSocketAddress a) {
        return a.getAddress().getHostAddress() + ":" + a.getPort();
    }
}
