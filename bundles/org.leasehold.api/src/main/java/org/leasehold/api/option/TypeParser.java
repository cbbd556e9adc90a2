package org.leasehold.api.option;

import java.util.ArrayList;
import java.util.List;

/** Parses dhcpd.conf type text such as {@code array of { ip-address, ip-address }}. */
final class TypeParser {
    private final String[] tokens;
    private final String text;
    private int pos;

    private TypeParser(String text) {
        this.text = text;
        this.tokens = text.replace("{", " { ").replace("}", " } ").replace(",", " , ").trim().split("\\s+");
    }

    static OptionType parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty option type");
        }
        TypeParser p = new TypeParser(text);
        WireType t = p.type();
        if (p.pos != p.tokens.length) {
            throw p.error("unexpected '" + p.tokens[p.pos] + "'");
        }
        return t;
    }

    private String next() {
        if (pos >= tokens.length) {
            throw error("type ends too early");
        }
        return tokens[pos++];
    }

    private boolean accept(String t) {
        if (pos < tokens.length && tokens[pos].equals(t)) {
            pos++;
            return true;
        }
        return false;
    }

    private WireType type() {
        String t = next();
        switch (t) {
            case "array" -> {
                if (!accept("of")) {
                    throw error("expected 'of' after 'array'");
                }
                return new ArrayType(type());
            }
            case "{" -> {
                List<WireType> fields = new ArrayList<>();
                do {
                    fields.add(type());
                } while (accept(","));
                if (!accept("}")) {
                    throw error("expected '}'");
                }
                return new RecordType(fields);
            }
            case "unsigned", "signed", "integer" -> {
                boolean unsigned = t.equals("unsigned");
                if (!t.equals("integer") && !accept("integer")) {
                    throw error("expected 'integer'");
                }
                return integer(unsigned, next());
            }
            case "encapsulate" -> {
                return new EncapsulateType(next());
            }
            case "domain-list" -> {
                return new ScalarType(accept("compressed") ? ScalarType.Kind.DOMAIN_LIST_COMPRESSED
                    : ScalarType.Kind.DOMAIN_LIST);
            }
            default -> {
                return simple(t);
            }
        }
    }

    private WireType simple(String t) {
        for (ScalarType.Kind k : ScalarType.Kind.values()) {
            if (k.text.equals(t)) {
                return new ScalarType(k);
            }
        }
        SpecialType s = SpecialType.byName(t);
        if (s != null) {
            return s;
        }
        throw error("unknown type '" + t + "'");
    }

    private WireType integer(boolean unsigned, String width) {
        ScalarType.Kind k = switch (width) {
            case "8" -> unsigned ? ScalarType.Kind.U8 : ScalarType.Kind.S8;
            case "16" -> unsigned ? ScalarType.Kind.U16 : ScalarType.Kind.S16;
            case "32" -> unsigned ? ScalarType.Kind.U32 : ScalarType.Kind.S32;
            default -> throw error("integer width must be 8, 16 or 32, was '" + width + "'");
        };
        return new ScalarType(k);
    }

    private IllegalArgumentException error(String why) {
        return new IllegalArgumentException(why + " in option type '" + text + "'");
    }
}
