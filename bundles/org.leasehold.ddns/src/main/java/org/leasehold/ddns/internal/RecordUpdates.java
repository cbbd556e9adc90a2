package org.leasehold.ddns.internal;

import java.util.Base64;
import java.util.Optional;
import org.leasehold.ddns.internal.config.DdnsSettings;
import org.leasehold.ddns.internal.config.DdnsSettings.Style;
import org.leasehold.ddns.internal.config.ZoneConfig;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DHCIDRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

/**
 * Carries out one {@link UpdateJob} as ISC dhcpd's ddns.c does, with RFC 4703's conflict resolution:
 * <ul>
 * <li>add: "the name is not in use" → add A and the identity record (DHCID, or TXT in the interim
 * style); if the name is in use (YXDOMAIN), "the identity record is ours" → replace the A records;
 * if it is not ours (NXRRSET) the name belongs to another client and nothing changes (a conflict:
 * the PTR is not touched either). Then the PTR: replace the PTR RRset (default address space) or add
 * our PTR record (other spaces, whose address another space's lease also has a PTR for);</li>
 * <li>remove: "the identity record is ours" → delete our A record; then "no A/AAAA is left" → delete
 * the identity record; then our PTR.</li>
 * </ul>
 * With {@code update-conflict-detection false} the A and identity records are replaced without
 * prerequisites. Blocks (through {@link UpdateSender}); call on the DDNS worker threads. Thread-safe.
 */
final class RecordUpdates {

    /** How a job ended. */
    enum Outcome { DONE, CONFLICT, NOT_OURS }

    /** Per-zone bookkeeping the updates report to. */
    interface Report {
        void sent(ZoneConfig zone);

        void failed(ZoneConfig zone, DnsReplyException e);
    }

    private final UpdateSender sender;
    private final Report report;

    RecordUpdates(UpdateSender sender, Report report) {
        this.sender = sender;
        this.report = report;
    }

    /**
     * Runs {@code job} against the zones of {@code settings}.
     *
     * @throws DnsReplyException when a server did not answer or refused (the job is retried or given up)
     */
    Outcome run(DdnsSettings settings, UpdateJob job) throws DnsReplyException {
        DnsBinding b = job.binding();
        Outcome outcome = Outcome.DONE;
        Optional<String> fwd = b.forwardName();
        if (fwd.isPresent()) {
            ZoneConfig zone = settings.zoneFor(fwd.get())
                    .orElseThrow(() -> new DnsReplyException("no zone declared for " + fwd.get(), false, false));
            outcome = job.add() ? addForward(zone, job, fwd.get()) : removeForward(zone, job, fwd.get());
        }
        if (outcome == Outcome.CONFLICT || b.reverseName().isEmpty() || b.ptrTarget().isEmpty()) {
            return outcome;
        }
        Optional<ZoneConfig> rz = settings.zoneFor(b.reverseName().get());
        if (rz.isPresent()) {
            reverse(rz.get(), job, b.reverseName().get(), b.ptrTarget().get());
        }
        return outcome;
    }

    private Outcome addForward(ZoneConfig zone, UpdateJob job, String fqdn) throws DnsReplyException {
        Name name = name(fqdn);
        Record a = new ARecord(name, DClass.IN, job.ttl(), job.address());
        Record id = identity(job.binding(), name, job.ttl());
        if (!job.conflictDetection()) {
            Update u = update(zone);
            u.delete(name, Type.A);
            u.delete(name, id.getType());
            u.add(a);
            u.add(id);
            return expect(zone, u, Rcode.NOERROR) ? Outcome.DONE : Outcome.CONFLICT;
        }
        Update first = update(zone);
        first.absent(name);
        first.add(a);
        first.add(id);
        int rcode = send(zone, first);
        if (rcode == Rcode.NOERROR) {
            return Outcome.DONE;
        }
        if (rcode != Rcode.YXDOMAIN) {
            throw new DnsReplyException("unexpected " + Rcode.string(rcode) + " adding " + fqdn, false, false);
        }
        Update second = update(zone);
        second.present(identity(job.binding(), name, 0));
        second.delete(name, Type.A);
        second.add(a);
        rcode = send(zone, second);
        if (rcode == Rcode.NOERROR) {
            return Outcome.DONE;
        }
        if (rcode == Rcode.NXRRSET) {
            return Outcome.CONFLICT;
        }
        throw new DnsReplyException("unexpected " + Rcode.string(rcode) + " taking over " + fqdn, false, false);
    }

    private Outcome removeForward(ZoneConfig zone, UpdateJob job, String fqdn) throws DnsReplyException {
        Name name = name(fqdn);
        Update first = update(zone);
        if (job.conflictDetection()) {
            first.present(identity(job.binding(), name, 0));
        }
        first.delete(new ARecord(name, DClass.IN, 0, job.address()));
        int rcode = send(zone, first);
        if (rcode == Rcode.NXRRSET || rcode == Rcode.NXDOMAIN) {
            return Outcome.NOT_OURS;
        }
        if (rcode != Rcode.NOERROR) {
            throw new DnsReplyException("unexpected " + Rcode.string(rcode) + " removing " + fqdn, false, false);
        }
        Update second = update(zone);
        second.absent(name, Type.A);
        second.absent(name, Type.AAAA);
        second.delete(name, identity(job.binding(), name, 0).getType());
        send(zone, second); // YXRRSET: another address still uses the name; its identity record stays
        return Outcome.DONE;
    }

    private void reverse(ZoneConfig zone, UpdateJob job, String reverse, String target) throws DnsReplyException {
        Name owner = name(reverse);
        Update u = update(zone);
        if (job.add()) {
            if (job.sharedReverse()) {
                u.delete(owner, Type.PTR);
            }
            u.add(new PTRRecord(owner, DClass.IN, job.ttl(), name(target)));
        } else if (job.sharedReverse()) {
            u.delete(owner, Type.PTR);
        } else {
            u.delete(new PTRRecord(owner, DClass.IN, 0, name(target)));
        }
        expect(zone, u, Rcode.NOERROR);
    }

    private boolean expect(ZoneConfig zone, Update u, int rcode) throws DnsReplyException {
        int got = send(zone, u);
        if (got != rcode) {
            throw new DnsReplyException("unexpected " + Rcode.string(got) + " from the server of " + zone.name(),
                    false, false);
        }
        return true;
    }

    private int send(ZoneConfig zone, Update u) throws DnsReplyException {
        try {
            int rcode = sender.send(zone, u).rcode();
            report.sent(zone);
            return rcode;
        } catch (DnsReplyException e) {
            report.failed(zone, e);
            throw e;
        }
    }

    private static Record identity(DnsBinding b, Name name, long ttl) throws DnsReplyException {
        String id = b.identity().orElseThrow(() -> new DnsReplyException("no identity record kept for " + name,
                false, false));
        if (b.style() == Style.INTERIM) {
            return new TXTRecord(name, DClass.IN, ttl, id);
        }
        try {
            return new DHCIDRecord(name, DClass.IN, ttl, Base64.getDecoder().decode(id));
        } catch (IllegalArgumentException e) {
            throw new DnsReplyException("the lease's ddns-dhcid is not base64: " + id, false, false);
        }
    }

    private static Update update(ZoneConfig zone) throws DnsReplyException {
        return new Update(name(zone.name()));
    }

    static Name name(String text) throws DnsReplyException {
        try {
            return Name.fromString(DdnsSettings.canonical(text) + ".");
        } catch (TextParseException e) {
            throw new DnsReplyException("not a DNS name: " + text, false, false);
        }
    }
}
