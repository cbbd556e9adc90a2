package org.leasehold.core.internal.expr;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.leasehold.core.internal.value.Bytes;

/**
 * A parsed dhcp-eval(5) expression. Evaluation is pure: it reads only the {@link PacketView}, so a
 * parsed expression is immutable and safe to share between threads.
 */
public sealed interface Expr {

    Value eval(PacketView p);

    record Literal(Value value) implements Expr {
        public Value eval(PacketView p) {
            return value;
        }
    }

    record OptionValue(OptionRef ref) implements Expr {
        public Value eval(PacketView p) {
            return p.option(ref.space(), ref.code()).<Value>map(Value.Data::new).orElse(Value.NULL);
        }
    }

    /**
     * {@code config-option NAME}: the option's value as the configuration sets it for this client
     * (ISC's cfg_options); null where no configuration is in view, as in class matching.
     */
    record ConfigOption(OptionRef ref) implements Expr {
        public Value eval(PacketView p) {
            return p.configOption(ref.space(), ref.code()).<Value>map(Value.Data::new).orElse(Value.NULL);
        }
    }

    record Exists(OptionRef ref) implements Expr {
        public Value eval(PacketView p) {
            return Value.of(p.option(ref.space(), ref.code()).isPresent());
        }
    }

    record Hardware() implements Expr {
        public Value eval(PacketView p) {
            return new Value.Data(p.hardware());
        }
    }

    record Substring(Expr data, Expr offset, Expr length) implements Expr {
        public Value eval(PacketView p) {
            return ExprFunctions.substring(data.eval(p), offset.eval(p), length.eval(p));
        }
    }

    record Suffix(Expr data, Expr length) implements Expr {
        public Value eval(PacketView p) {
            return ExprFunctions.suffix(data.eval(p), length.eval(p));
        }
    }

    record Concat(List<Expr> parts) implements Expr {
        public Concat {
            parts = List.copyOf(parts);
        }

        public Value eval(PacketView p) {
            Bytes out = Bytes.of(new byte[0]);
            for (Expr e : parts) {
                Bytes b = e.eval(p).dataOrNull();
                if (b == null) {
                    return Value.NULL;
                }
                out = out.concat(b);
            }
            return new Value.Data(out);
        }
    }

    record PickFirst(List<Expr> choices) implements Expr {
        public PickFirst {
            choices = List.copyOf(choices);
        }

        public Value eval(PacketView p) {
            for (Expr e : choices) {
                Value v = e.eval(p);
                if (!(v instanceof Value.Null)) {
                    return v;
                }
            }
            return Value.NULL;
        }
    }

    record BinaryToAscii(Expr base, Expr width, Expr separator, Expr data) implements Expr {
        public Value eval(PacketView p) {
            return ExprFunctions.binaryToAscii(base.eval(p), width.eval(p), separator.eval(p), data.eval(p));
        }
    }

    record Reverse(Expr width, Expr data) implements Expr {
        public Value eval(PacketView p) {
            return ExprFunctions.reverse(width.eval(p), data.eval(p));
        }
    }

    record ExtractInt(Expr data, int bits) implements Expr {
        public Value eval(PacketView p) {
            return ExprFunctions.extractInt(data.eval(p), bits);
        }
    }

    record EncodeInt(Expr number, int bits) implements Expr {
        public Value eval(PacketView p) {
            return ExprFunctions.encodeInt(number.eval(p), bits);
        }
    }

    record CaseFold(Expr data, boolean upper) implements Expr {
        public Value eval(PacketView p) {
            Bytes b = data.eval(p).dataOrNull();
            if (b == null) {
                return Value.NULL;
            }
            String s = b.ascii();
            return new Value.Data(Bytes.of(upper ? s.toUpperCase(Locale.ROOT) : s.toLowerCase(Locale.ROOT)));
        }
    }

    record PacketBytes(Expr offset, Expr length) implements Expr {
        public Value eval(PacketView p) {
            return ExprFunctions.substring(new Value.Data(p.packet()), offset.eval(p), length.eval(p));
        }
    }

    record LeasedAddress() implements Expr {
        public Value eval(PacketView p) {
            return p.leasedAddress().<Value>map(a -> new Value.Data(Bytes.of(a.getAddress()))).orElse(Value.NULL);
        }
    }

    record MemberOf(String className) implements Expr {
        public Value eval(PacketView p) {
            return Value.of(p.classes().contains(className));
        }
    }

    /** Leasehold's {@code attribute "NAME"}: a capability's per-packet finding, as data (null when absent). */
    record Attribute(String name) implements Expr {
        public Value eval(PacketView p) {
            return p.attribute(name).<Value>map(Value.Data::new).orElse(Value.NULL);
        }
    }

    record Known() implements Expr {
        public Value eval(PacketView p) {
            return Value.of(p.known());
        }
    }

    record Equal(Expr left, Expr right, boolean negate) implements Expr {
        public Value eval(PacketView p) {
            return Value.of(ExprFunctions.equal(left.eval(p), right.eval(p)) != negate);
        }
    }

    record RegexMatch(Expr data, Pattern pattern) implements Expr {
        public Value eval(PacketView p) {
            Bytes b = data.eval(p).dataOrNull();
            return Value.of(b != null && pattern.matcher(b.ascii()).find());
        }
    }

    record And(Expr left, Expr right) implements Expr {
        public Value eval(PacketView p) {
            return Value.of(left.eval(p).isTrue() && right.eval(p).isTrue());
        }
    }

    record Or(Expr left, Expr right) implements Expr {
        public Value eval(PacketView p) {
            return Value.of(left.eval(p).isTrue() || right.eval(p).isTrue());
        }
    }

    /**
     * {@code + - * / % & | ^} on two numeric expressions (ISC tree.c evaluate_numeric_expression): null
     * when either side is null, and for a division or remainder by zero.
     */
    record Arithmetic(char op, Expr left, Expr right) implements Expr {
        public Value eval(PacketView p) {
            Long a = left.eval(p).numOrNull();
            Long b = right.eval(p).numOrNull();
            if (a == null || b == null || (op == '/' || op == '%') && b == 0) {
                return Value.NULL;
            }
            return new Value.Num(switch (op) {
                case '+' -> a + b;
                case '-' -> a - b;
                case '*' -> a * b;
                case '/' -> a / b;
                case '%' -> a % b;
                case '&' -> a & b;
                case '|' -> a | b;
                default -> a ^ b;
            });
        }
    }

    record Not(Expr operand) implements Expr {
        public Value eval(PacketView p) {
            return Value.of(!operand.eval(p).isTrue());
        }
    }

    /** ISC {@code variable-reference}: a bare name reads the lease variable of that name; null when unset. */
    record Variable(String name) implements Expr {
        public Value eval(PacketView p) {
            return p.variable(name).<Value>map(Value.Data::new).orElse(Value.NULL);
        }
    }

    /** ISC {@code lease-time}: numeric, null outside a lease event. */
    record LeaseTime() implements Expr {
        public Value eval(PacketView p) {
            return p.leaseTime().<Value>map(Value.Num::new).orElse(Value.NULL);
        }
    }

    /** ISC {@code host-decl-name}: data, null when no host declaration matched. */
    record HostDeclName() implements Expr {
        public Value eval(PacketView p) {
            return p.hostDeclName().<Value>map(n -> new Value.Data(Bytes.of(n))).orElse(Value.NULL);
        }
    }

    /** ISC {@code static}: true for a host's fixed-address lease; false without a lease (common/tree.c). */
    record Static() implements Expr {
        public Value eval(PacketView p) {
            return Value.of(p.staticLease().orElse(false));
        }
    }

    /**
     * ISC {@code client-state}: the state of a dhclient instance (common/tree.c reads the client's
     * state, which dhcpd never has), so in a server it is always null, as in ISC dhcpd.
     */
    record ClientState() implements Expr {
        public Value eval(PacketView p) {
            return Value.NULL;
        }
    }

    /** An ISC function Leasehold parses but does not evaluate yet; evaluates to null. */
    record Unsupported(String function) implements Expr {
        public Value eval(PacketView p) {
            return Value.NULL;
        }
    }
}
