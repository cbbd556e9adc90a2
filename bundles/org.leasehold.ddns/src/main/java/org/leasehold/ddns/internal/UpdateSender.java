package org.leasehold.ddns.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import org.leasehold.ddns.internal.config.TsigKey;
import org.leasehold.ddns.internal.config.ZoneConfig;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.WireParseException;

/**
 * Sends one RFC 2136 UPDATE to a zone's servers (primary first, then secondaries, each once), signed
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

    private final Duration timeout;

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
        SimpleResolver resolver = new SimpleResolver(server);
        resolver.setTimeout(timeout);
        key.ifPresent(k -> resolver.setTSIGKey(tsig(k)));
        Message reply;
        try {
            reply = resolver.send(update);
        } catch (WireParseException e) {
            throw new DnsReplyException("malformed or unmatched reply from " + hostPort(server) + ": " + e.getMessage(),
                    true, true);
        } catch (IOException e) {
            throw new DnsReplyException("no answer from " + hostPort(server) + " (" + e.getMessage() + ")", true, false);
        }
        int rcode = reply.getRcode();
        if (!reply.getHeader().getFlag(Flags.QR) || reply.getHeader().getOpcode() != Opcode.UPDATE) {
            throw new DnsReplyException("reply from " + hostPort(server) + " is not an UPDATE response", true, true);
        }
        if (rcode == Rcode.NOTAUTH) {
            String tsigError = reply.getTSIG() == null ? "" : " (TSIG " + Rcode.TSIGstring(reply.getTSIG().getError()) + ")";
            throw new DnsReplyException(hostPort(server) + " refused the update: NOTAUTH" + tsigError
                    + (key.isPresent() ? ", the key " + key.get().name() + " is not accepted" : ", it needs a key"),
                    false, false);
        }
        if (key.isPresent() && !(reply.isSigned() && reply.isVerified())) {
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

    static TSIG tsig(TsigKey k) {
        return new TSIG(TSIG.algorithmToName(k.algorithm()), Name.fromConstantString(k.name() + "."), k.secret());
    }

    public static String hostPort(InetSocketAddress a) {
        return a.getAddress().getHostAddress() + ":" + a.getPort();
    }
}
