package org.leasehold.api.option;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.leasehold.api.codec.DecodeException;

/**
 * Option formats the ISC type language cannot express, with their dhcpd.conf value syntax:
 * <ul>
 * <li>{@code classless-static-routes}: {@code 10.0.0.0/8 198.18.0.1, 0.0.0.0/0 198.18.0.1} (or the
 *     common dhcpd idiom of an array of unsigned 8-bit integers: {@code 8, 10, 198, 18, 0, 1})</li>
 * <li>{@code sip-servers}: {@code "sip.example.org", "sip2.example.org"} or {@code 198.18.0.5, 198.18.0.6}</li>
 * <li>{@code client-fqdn}: {@code [FLAGS RCODE1 RCODE2] "name"} (a trailing dot = fully qualified)</li>
 * <li>{@code vendor-identifying-class}/{@code -options}: {@code ENTERPRISE DATA, ...} (DATA quoted or hex)</li>
 * <li>{@code user-class}: {@code "class-a", 01:02}</li>
 * <li>{@code authentication}: {@code PROTOCOL ALGORITHM RDM REPLAY [AUTH-INFO]}</li>
 * </ul>
 */
final class SpecialType extends WireType {
    enum Kind {
        CLASSLESS_ROUTES("classless-static-routes"), SIP_SERVERS("sip-servers"), CLIENT_FQDN("client-fqdn"),
        VENDOR_CLASS("vendor-identifying-class"), VENDOR_OPTIONS("vendor-identifying-options"),
        USER_CLASS("user-class"), AUTHENTICATION("authentication");

        final String text;

        Kind(String text) {
            this.text = text;
        }
    }

    private final Kind kind;

    SpecialType(Kind kind) {
        this.kind = kind;
    }

    static SpecialType byName(String name) {
        for (Kind k : Kind.values()) {
            if (k.text.equals(name)) {
                return new SpecialType(k);
            }
        }
        return null;
    }

    @Override
    public String name() {
        return kind.text;
    }

    @Override
    boolean takesRest() {
        return true;
    }

    @Override
    void parse(ValueLexer lx, ByteArrayOutputStream out) {
        switch (kind) {
            case CLASSLESS_ROUTES -> out.writeBytes(parseRoutes(lx));
            case SIP_SERVERS -> out.writeBytes(parseSip(lx));
            case CLIENT_FQDN -> out.writeBytes(parseFqdn(lx));
            case VENDOR_CLASS, VENDOR_OPTIONS -> out.writeBytes(parseVendor(lx));
            case USER_CLASS -> {
                List<byte[]> classes = new ArrayList<>();
                do {
                    classes.add(lx.quotedOrHex("a user class"));
                } while (lx.comma());
                out.writeBytes(UserClasses.encode(classes));
            }
            case AUTHENTICATION -> out.writeBytes(parseAuth(lx));
            default -> throw new IllegalStateException("unhandled kind " + kind);
        }
    }

    private static byte[] parseRoutes(ValueLexer lx) {
        if (lx.atEnd()) {
            return new byte[0];
        }
        List<ClasslessRoute> routes = new ArrayList<>();
        ByteArrayOutputStream octets = new ByteArrayOutputStream();
        do {
            String first = lx.word("a route destination");
            if (first.indexOf('/') < 0 && first.indexOf('.') < 0) {
                octets.write((int) Formats.parseLong(first, 0, 255));
            } else {
                routes.add(ClasslessRoute.parse(first, lx.word("a router address")));
            }
        } while (lx.comma());
        if (octets.size() > 0 && !routes.isEmpty()) {
            throw lx.error("mixed route and octet syntax");
        }
        byte[] v = octets.size() > 0 ? octets.toByteArray() : ClasslessRoute.encode(routes);
        try {
            ClasslessRoute.decode(v);
        } catch (DecodeException e) {
            throw new IllegalArgumentException("octets do not form RFC 3442 routes: " + e.reason(), e);
        }
        return v;
    }

    private static byte[] parseSip(ValueLexer lx) {
        List<String> items = new ArrayList<>();
        boolean quoted = false;
        do {
            quoted |= lx.peekQuoted();
            items.add(new String(lx.stringOrWord("a SIP server"), StandardCharsets.US_ASCII));
        } while (lx.comma());
        if (!quoted && items.stream().allMatch(Formats::isIp)) {
            return SipServers.ofAddresses(items.stream().map(i -> ClasslessRoute.addr(Formats.parseIp(i))).toList())
                .encode();
        }
        return SipServers.ofNames(items).encode();
    }

    private static byte[] parseFqdn(ValueLexer lx) {
        int flags = ClientFqdn.FLAG_E;
        int rc1 = 0;
        int rc2 = 0;
        if (!lx.peekQuoted()) {
            flags = (int) Formats.parseLong(lx.word("flags"), 0, 255);
            rc1 = (int) Formats.parseLong(lx.word("rcode1"), 0, 255);
            rc2 = (int) Formats.parseLong(lx.word("rcode2"), 0, 255);
        }
        String name = lx.atEnd() ? "" : new String(lx.stringOrWord("a name"), StandardCharsets.US_ASCII);
        return new ClientFqdn(flags, rc1, rc2, name).encode();
    }

    private static byte[] parseVendor(ValueLexer lx) {
        byte[] raw = lx.restAsColonHex();
        if (raw != null) {
            // ISC's form: the option's bytes as written (dhcp-options(5), VENDOR ENCAPSULATED OPTIONS)
            return raw;
        }
        List<VendorBlock> blocks = new ArrayList<>();
        do {
            long ent = Formats.parseLong(lx.word("an enterprise number"), 0, 0xffffffffL);
            byte[] data = lx.atEnd() || lx.peekComma() ? new byte[0] : lx.quotedOrHex("vendor data");
            blocks.add(new VendorBlock(ent, data));
        } while (lx.comma());
        return VendorBlock.encode(blocks);
    }

    private static byte[] parseAuth(ValueLexer lx) {
        int proto = (int) Formats.parseLong(lx.word("protocol"), 0, 255);
        int alg = (int) Formats.parseLong(lx.word("algorithm"), 0, 255);
        int rdm = (int) Formats.parseLong(lx.word("rdm"), 0, 255);
        String r = lx.word("replay detection");
        long replay;
        if (r.indexOf(':') >= 0) {
            byte[] b = ValueLexer.hex(r);
            if (b.length != 8) {
                throw lx.error("replay detection must be 8 bytes");
            }
            replay = 0;
            for (byte x : b) {
                replay = replay << 8 | (x & 0xff);
            }
        } else {
            try {
                replay = Long.parseUnsignedLong(r);
            } catch (NumberFormatException e) {
                throw lx.error("replay detection is not a number");
            }
        }
        byte[] info = lx.atEnd() ? new byte[0] : lx.quotedOrHex("authentication information");
        return new Authentication(proto, alg, rdm, replay, info).encode();
    }

    @Override
    int format(byte[] b, int off, int end, StringBuilder sb) {
        byte[] v = Arrays.copyOfRange(b, off, end);
        try {
            sb.append(formatValue(v));
        } catch (DecodeException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return end;
    }

    private String formatValue(byte[] v) throws DecodeException {
        return switch (kind) {
            case CLASSLESS_ROUTES -> join(ClasslessRoute.decode(v).stream().map(ClasslessRoute::toString).toList());
            case SIP_SERVERS -> {
                SipServers s = SipServers.decode(v);
                yield s.encoding() == SipServers.NAMES ? ScalarType.quotedList(s.domainNames())
                    : join(s.addresses().stream().map(a -> a.getHostAddress()).toList());
            }
            case CLIENT_FQDN -> {
                ClientFqdn f = ClientFqdn.decode(v);
                yield f.flags() + " " + f.rcode1() + " " + f.rcode2() + " " + Formats.quote(f.name());
            }
            case VENDOR_CLASS, VENDOR_OPTIONS -> join(VendorBlock.decode(v).stream().map(VendorBlock::toString).toList());
            case USER_CLASS -> join(UserClasses.decode(v).stream().map(c -> Formats.string(c, 0, c.length)).toList());
            case AUTHENTICATION -> Authentication.decode(v).toString();
        };
    }

    private static String join(List<String> parts) {
        return String.join(", ", parts);
    }
}
