package org.leasehold.failover.internal.wire;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One failover message: the header (type, the sender's time in seconds since the epoch, the
 * transaction id, and any header bytes past the 12 the draft defines, kept as they came) and the
 * options in wire order. Immutable.
 */
public final class FailoverMessage {

    /** Header length the draft defines (ISC's payload offset). */
    public static final int HEADER = 12;

    private final MessageType type;
    private final long time;
    private final long xid;
    private final byte[] headerExtra;
    private final List<FailoverOption> options;

    FailoverMessage(MessageType type, long time, long xid, byte[] headerExtra, List<FailoverOption> options) {
        this.type = Objects.requireNonNull(type, "type");
        this.time = time & 0xFFFFFFFFL;
        this.xid = xid & 0xFFFFFFFFL;
        this.headerExtra = headerExtra;
        this.options = List.copyOf(options);
    }

    public static FailoverMessage of(MessageType type, long time, long xid, List<FailoverOption> options) {
        return new FailoverMessage(type, time, xid, new byte[0], options);
    }

    public MessageType type() {
        return type;
    }

    /** Sender's clock, seconds since the epoch (unsigned 32 bits). */
    public long time() {
        return time;
    }

    public long xid() {
        return xid;
    }

    public List<FailoverOption> options() {
        return options;
    }

    byte[] headerExtra() {
        return headerExtra;
    }

    /** The first option with this code. */
    public Optional<FailoverOption> option(OptionCode code) {
        for (FailoverOption o : options) {
            if (o.code().equals(code)) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }

    public boolean has(OptionCode code) {
        return option(code).isPresent();
    }

    /** The option's value as a number; the codec has checked fixed sizes already. */
    public Optional<Long> number(OptionCode code) {
        return option(code).map(FailoverOption::number);
    }

    /** A copy with one more option at the end. */
    public FailoverMessage with(FailoverOption o) {
        List<FailoverOption> l = new ArrayList<>(options);
        l.add(o);
        return new FailoverMessage(type, time, xid, headerExtra, l);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FailoverMessage m && type.equals(m.type) && time == m.time && xid == m.xid
                && Arrays.equals(headerExtra, m.headerExtra) && options.equals(m.options);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, time, xid, Arrays.hashCode(headerExtra), options);
    }

    @Override
    public String toString() {
        return type + " xid=" + xid + " time=" + time + " " + options;
    }
}
