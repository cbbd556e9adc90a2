package org.leasehold.api.option;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.leasehold.api.codec.DecodeException;

/** The atomic types of the dhcpd.conf type language. */
final class ScalarType extends WireType {
    enum Kind {
        IP("ip-address"), IP6("ip6-address"), U8("unsigned integer 8"), U16("unsigned integer 16"),
        U32("unsigned integer 32"), S8("signed integer 8"), S16("signed integer 16"), S32("signed integer 32"),
        BOOL("boolean"), TEXT("text"), STRING("string"), DOMAIN_NAME("domain-name"), DOMAIN_LIST("domain-list"),
        DOMAIN_LIST_COMPRESSED("domain-list compressed"), ZEROLEN("zerolen");

        final String text;

        Kind(String text) {
            this.text = text;
        }
    }

    private final Kind kind;

    ScalarType(Kind kind) {
        this.kind = kind;
    }

    Kind kind() {
        return kind;
    }

    @Override
    public String name() {
        return kind.text;
    }

    @Override
    boolean takesRest() {
        return switch (kind) {
            case TEXT, STRING, DOMAIN_LIST, DOMAIN_LIST_COMPRESSED -> true;
            default -> false;
        };
    }

    @Override
    void parse(ValueLexer lx, ByteArrayOutputStream out) {
        switch (kind) {
            case IP -> out.writeBytes(Formats.parseIp(lx.word("an IPv4 address")));
            case IP6 -> out.writeBytes(parseIp6(lx.word("an IPv6 address")));
            case U8 -> writeInt(out, Formats.parseLong(lx.word("an integer"), 0, 0xff), 1);
            case U16 -> writeInt(out, Formats.parseLong(lx.word("an integer"), 0, 0xffff), 2);
            case U32 -> writeInt(out, Formats.parseLong(lx.word("an integer"), 0, 0xffffffffL), 4);
            // ISC dhcpd takes a signed field's value from its negative bound up to the unsigned maximum
            // (so "integer 8" holds 255, as rfc3442-classless-static-routes definitions need)
            case S8 -> writeInt(out, Formats.parseLong(lx.word("an integer"), -0x80, 0xff), 1);
            case S16 -> writeInt(out, Formats.parseLong(lx.word("an integer"), -0x8000, 0xffff), 2);
            case S32 -> writeInt(out, Formats.parseLong(lx.word("an integer"), Integer.MIN_VALUE, 0xffffffffL), 4);
            case BOOL -> out.write(parseBool(lx.word("true or false")) ? 1 : 0);
            case TEXT -> out.writeBytes(lx.atEnd() ? new byte[0] : lx.stringOrWord("text"));
            case STRING -> out.writeBytes(lx.quotedOrHex("a quoted string or hex bytes"));
            case DOMAIN_NAME -> out.writeBytes(DomainNames.encodeName(name(lx), false));
            case DOMAIN_LIST, DOMAIN_LIST_COMPRESSED -> out.writeBytes(
                DomainNames.encode(names(lx), kind == Kind.DOMAIN_LIST_COMPRESSED));
            case ZEROLEN -> {
                // no value bytes
            }
            default -> throw new IllegalStateException("unhandled kind " + kind);
        }
    }

    static String name(ValueLexer lx) {
        return new String(lx.stringOrWord("a domain name"), StandardCharsets.US_ASCII);
    }

    static List<String> names(ValueLexer lx) {
        List<String> names = new ArrayList<>();
        names.add(name(lx));
        while (lx.comma()) {
            names.add(name(lx));
        }
        return names;
    }

    @Override
    int format(byte[] b, int off, int end, StringBuilder sb) {
        switch (kind) {
            case IP -> {
                need(b, off, 4, end);
                sb.append(Formats.ip(b, off));
                return off + 4;
            }
            case IP6 -> {
                need(b, off, 16, end);
                sb.append(ip6(b, off));
                return off + 16;
            }
            case U8, U16, U32, S8, S16, S32 -> {
                return formatInt(b, off, end, sb);
            }
            case BOOL -> {
                need(b, off, 1, end);
                if ((b[off] & 0xff) > 1) {
                    throw new IllegalArgumentException("boolean must be 0 or 1");
                }
                sb.append(b[off] == 1 ? "true" : "false");
                return off + 1;
            }
            case TEXT -> {
                sb.append(Formats.quote(new String(b, off, end - off, StandardCharsets.UTF_8)));
                return end;
            }
            case STRING -> {
                sb.append(Formats.string(b, off, end - off));
                return end;
            }
            case DOMAIN_NAME -> {
                int[] pos = {off};
                String n = readName(b, pos, end);
                sb.append(Formats.quote(n));
                return pos[0];
            }
            case DOMAIN_LIST, DOMAIN_LIST_COMPRESSED -> {
                formatList(b, off, end, sb);
                return end;
            }
            case ZEROLEN -> {
                return off;
            }
            default -> throw new IllegalStateException("unhandled kind " + kind);
        }
    }

    private static String readName(byte[] b, int[] pos, int end) {
        try {
            return DomainNames.readName(Arrays.copyOf(b, end), pos, false);
        } catch (DecodeException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static void formatList(byte[] b, int off, int end, StringBuilder sb) {
        try {
            List<String> names = DomainNames.decodeList(Arrays.copyOfRange(b, off, end));
            sb.append(quotedList(names));
        } catch (DecodeException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    static String quotedList(List<String> names) {
        StringBuilder sb = new StringBuilder();
        for (String n : names) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(Formats.quote(n));
        }
        return sb.toString();
    }

    private int formatInt(byte[] b, int off, int end, StringBuilder sb) {
        int size = switch (kind) {
            case U8, S8 -> 1;
            case U16, S16 -> 2;
            default -> 4;
        };
        need(b, off, size, end);
        long v = 0;
        for (int i = 0; i < size; i++) {
            v = v << 8 | (b[off + i] & 0xff);
        }
        if (kind == Kind.S8 || kind == Kind.S16 || kind == Kind.S32) {
            int shift = 64 - size * 8;
            v = v << shift >> shift;
        }
        sb.append(v);
        return off + size;
    }

    static void writeInt(ByteArrayOutputStream out, long v, int size) {
        for (int i = size - 1; i >= 0; i--) {
            out.write((int) (v >>> (8 * i)) & 0xff);
        }
    }

    private static boolean parseBool(String w) {
        return switch (w.toLowerCase(Locale.ROOT)) {
            case "true", "on", "1" -> true;
            case "false", "off", "0" -> false;
            default -> throw new IllegalArgumentException("not a boolean: '" + w + "'");
        };
    }

    private static byte[] parseIp6(String w) {
        if (w.indexOf(':') < 0 || !w.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
            throw new IllegalArgumentException("not an IPv6 address: '" + w + "'");
        }
        try {
            byte[] a = InetAddress.getByName(w).getAddress();
            if (a.length != 16) {
                throw new IllegalArgumentException("not an IPv6 address: '" + w + "'");
            }
            return a;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IPv6 address: '" + w + "'", e);
        }
    }

    private static String ip6(byte[] b, int off) {
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(b, off, off + 16)).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
