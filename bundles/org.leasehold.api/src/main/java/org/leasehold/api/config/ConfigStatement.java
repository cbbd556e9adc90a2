package org.leasehold.api.config;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One dhcpd.conf statement kept as written: its keyword, the tokens up to the {@code ;} or the
 * opening {@code {}, and the statements of its block. {@code failover peer "fo" { primary; port 647; }}
 * is keyword {@code failover}, arguments {@code peer "fo"}, and a block of two statements. Immutable.
 *
 * @param keyword   the first word, in lower case
 * @param arguments the tokens after the keyword, without the ending {@code ;} or {@code {}
 * @param block     the statements inside {@code { ... }}, in file order; empty when there is no block
 * @param hasBlock  whether the statement has a block (an empty {@code {}} is a block)
 * @param position  where the keyword is
 */
public record ConfigStatement(String keyword, List<ConfigToken> arguments, List<ConfigStatement> block,
        boolean hasBlock, SourcePosition position) {

    public ConfigStatement {
        Objects.requireNonNull(keyword, "keyword");
        keyword = keyword.toLowerCase(Locale.ROOT);
        arguments = List.copyOf(arguments);
        block = List.copyOf(block);
        Objects.requireNonNull(position, "position");
    }

    /** The i-th argument, if there is one. */
    public Optional<ConfigToken> argument(int i) {
        return i >= 0 && i < arguments.size() ? Optional.of(arguments.get(i)) : Optional.empty();
    }

    /** The arguments' texts joined with single spaces (strings without quotes): {@code peer fo}. */
    public String argumentText() {
        return arguments.stream().map(ConfigToken::text).collect(Collectors.joining(" "));
    }

    /** Whether the arguments start with these words, ignoring case: {@code startsWith("peer")}. */
    public boolean startsWith(String... words) {
        if (words.length > arguments.size()) {
            return false;
        }
        for (int i = 0; i < words.length; i++) {
            if (!arguments.get(i).is(words[i])) {
                return false;
            }
        }
        return true;
    }

    /** The statements of the block with this keyword, in file order. */
    public List<ConfigStatement> children(String childKeyword) {
        String k = childKeyword.toLowerCase(Locale.ROOT);
        return block.stream().filter(s -> s.keyword.equals(k)).toList();
    }

    /** The last statement of the block with this keyword (later statements win, as in ISC dhcpd). */
    public Optional<ConfigStatement> child(String childKeyword) {
        List<ConfigStatement> all = children(childKeyword);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** The statement as dhcpd.conf text on one line (block included), for logs and messages. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(keyword);
        for (ConfigToken t : arguments) {
            b.append(' ').append(t.kind() == ConfigToken.Kind.STRING ? '"' + t.text() + '"' : t.text());
        }
        if (!hasBlock) {
            return b.append(';').toString();
        }
        b.append(" {");
        block.forEach(s -> b.append(' ').append(s));
        return b.append(" }").toString();
    }
}
