package org.leasehold.core.internal.config;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.leasehold.core.internal.syntax.ConfigException;
import org.leasehold.core.internal.syntax.Token;
import org.leasehold.core.internal.syntax.TokenStream;

/**
 * A date as ISC dhcpd writes one (common/parse.c parse_date_core): {@code never}, {@code epoch N}, or
 * {@code W YYYY/MM/DD HH:MM:SS [OFFSET]} (W the day of week, ignored; the time UTC; OFFSET seconds added,
 * as ISC adds them). Stateless.
 */
final class IscDate {

    /** ISC's MAX_TIME: what {@code never}, and any year from 2038 on, become. */
    static final long NEVER = Integer.MAX_VALUE;

    private static final Pattern EPOCH = Pattern.compile("epoch\\s+(\\d+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern DATE = Pattern.compile(
            "\\d+\\s+(\\d+)\\s*/\\s*(\\d+)\\s*/\\s*(\\d+)\\s+(\\d+)\\s*:\\s*(\\d+)\\s*:\\s*(\\d+)(?:\\s+(-?\\d+))?");

    private IscDate() {
    }

    /** Seconds since the epoch of {@code text}, the tokens from {@code at} on; an error at {@code at} if not a date. */
    static long parse(Token at, String text) throws ConfigException {
        String s = text.strip();
        if (s.equalsIgnoreCase("never")) {
            return NEVER;
        }
        Matcher e = EPOCH.matcher(s);
        if (e.matches()) {
            return Long.parseLong(e.group(1));
        }
        Matcher m = DATE.matcher(s);
        if (!m.matches()) {
            throw TokenStream.error(at, "expected a date: never, epoch SECONDS or W YYYY/MM/DD HH:MM:SS [OFFSET]");
        }
        int year = Integer.parseInt(m.group(1));
        if (year >= 2038) {
            // ISC keeps times in 32 bits: from 2038 on a date is the end of time
            return NEVER;
        }
        try {
            long utc = LocalDateTime.of(year, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                    Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)))
                    .toEpochSecond(ZoneOffset.UTC);
            return utc + (m.group(7) == null ? 0 : Long.parseLong(m.group(7)));
        } catch (DateTimeException | NumberFormatException ex) {
            throw TokenStream.error(at, "expected a valid date and time: " + ex.getMessage());
        }
    }
}
