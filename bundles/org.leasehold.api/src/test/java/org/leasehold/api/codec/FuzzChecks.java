package org.leasehold.api.codec;

import java.util.Arrays;
import java.util.List;
import org.leasehold.api.message.DhcpMessage;
import org.leasehold.api.message.DhcpOption;
import org.leasehold.api.message.DhcpOptions;
import org.leasehold.api.message.RelayAgentInformation;
import org.leasehold.api.option.Authentication;
import org.leasehold.api.option.ClasslessRoute;
import org.leasehold.api.option.ClientFqdn;
import org.leasehold.api.option.DomainNames;
import org.leasehold.api.option.OptionCatalog;
import org.leasehold.api.option.OptionDefinition;
import org.leasehold.api.option.SipServers;
import org.leasehold.api.option.UserClasses;
import org.leasehold.api.option.VendorBlock;

/** The properties every fuzz input must keep; shared by the Jazzer target and the seeded mutator. */
final class FuzzChecks {
    private FuzzChecks() {
    }

    /** Returns true when the input decoded; throws AssertionError when a property breaks. */
    static boolean check(byte[] data) {
        DhcpMessage m;
        try {
            m = DhcpCodec.decode(data);
        } catch (DecodeException e) {
            if (e.offset() < 0 || e.offset() > data.length || e.reason() == null) {
                throw new AssertionError("bad DecodeException offset " + e.offset() + " for " + data.length + " bytes");
            }
            return false;
        }
        if (!Arrays.equals(DhcpCodec.encode(m), data)) {
            throw new AssertionError("decode -> encode is not byte-exact");
        }
        relayout(m);
        for (DhcpOption o : m.options().all()) {
            typed(o);
        }
        return true;
    }

    /** Laying the options out anew must decode to the same options (52 aside). */
    private static void relayout(DhcpMessage m) {
        DhcpMessage fresh = m.toBuilder().options(DhcpOptions.empty()).options(DhcpOptions.of(m.options().all()))
            .build();
        check(fresh, DhcpCodec.encode(fresh), m.options().without(52).all());
        byte[] reply = DhcpCodec.encodeReply(fresh, ReplyEncoding.forRequest(m));
        try {
            DhcpCodec.decode(reply);
        } catch (DecodeException e) {
            throw new AssertionError("encodeReply produced an undecodable message: " + e.getMessage(), e);
        }
    }

    private static void check(DhcpMessage fresh, byte[] wire, List<DhcpOption> expected) {
        try {
            DhcpMessage again = DhcpCodec.decode(wire);
            if (!again.options().all().equals(expected) || again.xid() != fresh.xid()) {
                throw new AssertionError("decode -> fresh encode -> decode changed the options");
            }
        } catch (DecodeException e) {
            throw new AssertionError("fresh encoding does not decode: " + e.getMessage(), e);
        }
    }

    /** Typed decoders may only fail with DecodeException; format never fails. */
    private static void typed(DhcpOption o) {
        byte[] v = o.value();
        OptionCatalog.standard().byCode(OptionDefinition.DHCP, o.code()).ifPresent(d -> d.type().format(v));
        try {
            switch (o.code()) {
                case 119 -> DomainNames.decodeList(v);
                case 81 -> ClientFqdn.decode(v);
                case 121 -> ClasslessRoute.decode(v);
                case 120 -> SipServers.decode(v);
                case 124, 125 -> VendorBlock.decode(v);
                case 77 -> UserClasses.decode(v);
                case 90 -> Authentication.decode(v);
                case 82 -> RelayAgentInformation.parse(v);
                default -> {
                    // no typed decoder beyond the catalog's format
                }
            }
        } catch (DecodeException e) {
            // the one allowed failure
        }
    }
}
