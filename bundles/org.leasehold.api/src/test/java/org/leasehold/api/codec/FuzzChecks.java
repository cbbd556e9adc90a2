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

/**
 * The properties every fuzz input must keep; shared by the Jazzer targets ({@link DecodeFuzzTest},
 * {@link OptionValueFuzzTest}) and the seeded mutator. The codec properties ({@link #check}) and the
 * typed option values ({@link #optionValue}) are separate so that the coverage-guided decoder target
 * does not spend its time rendering option text (see docs/fuzzing.md).
 */
final class FuzzChecks {
    private FuzzChecks() {
    }

    /** Returns true when the input decoded; throws AssertionError when a codec property breaks. */
    static boolean check(byte[] data) {
        return decodeChecked(data) != null;
    }

    /** {@link #check} and then {@link #optionValue} on every option of an accepted input. */
    static boolean checkWithOptionValues(byte[] data) {
        DhcpMessage m = decodeChecked(data);
        if (m == null) {
            return false;
        }
        for (DhcpOption o : m.options().all()) {
            optionValue(o.code(), o.value());
        }
        return true;
    }

    /** The decoded message, or null when the input was rejected with a well-formed DecodeException. */
    private static DhcpMessage decodeChecked(byte[] data) {
        DhcpMessage m;
        try {
            m = DhcpCodec.decode(data);
        } catch (DecodeException e) {
            if (e.offset() < 0 || e.offset() > data.length || e.reason() == null) {
                throw new AssertionError("bad DecodeException offset " + e.offset() + " for " + data.length + " bytes");
            }
            return null;
        }
        if (!Arrays.equals(DhcpCodec.encode(m), data)) {
            throw new AssertionError("decode -> encode is not byte-exact");
        }
        relayout(m);
        return m;
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

    /** Typed decoders of option {@code code} may only fail with DecodeException; format never fails. */
    static void optionValue(int code, byte[] v) {
        OptionCatalog.standard().byCode(OptionDefinition.DHCP, code).ifPresent(d -> d.type().format(v));
        try {
            switch (code) {
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
