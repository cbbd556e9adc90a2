package org.leasehold.failover.internal.binding;

import java.util.Arrays;
import java.util.Optional;
import org.leasehold.api.config.PoolInfo;
import org.leasehold.api.lease.ClientKey;
import org.leasehold.api.lease.Lease;
import org.leasehold.api.lease.LeaseKey;
import org.leasehold.api.lease.LeaseState;
import org.leasehold.api.message.HardwareAddress;
import org.leasehold.failover.internal.wire.Binding;
import org.leasehold.failover.internal.wire.BindingStatus;
import org.leasehold.failover.internal.wire.Messages;

/**
 * Between a Leasehold lease and the binding of a BNDUPD. A lease keeps the failover times ISC keeps
 * per lease in its variables: {@value #TSTP} (the potential expiry this server sent),
 * {@value #TSFP} (the potential expiry the partner acknowledged or sent) and {@value #CLTT}. Stateless.
 */
public final class LeaseBindings {

    /** The potential expiry this server last sent the partner. */
    public static final String TSTP = "failover-tstp";
    /** The potential expiry the partner acknowledged (or sent in its own update). */
    public static final String TSFP = "failover-tsfp";
    /** Client last transaction time. */
    public static final String CLTT = "failover-cltt";
    /** The origin this bundle's lease changes carry. */
    public static final String ORIGIN = "failover";

    private static final long MAX_WIRE_TIME = 0xFFFFFFFFL;

    private LeaseBindings() {
    }

    /** The BNDUPD content describing {@code lease}. */
    public static Binding toBinding(Lease lease) {
        byte[] chaddr = null;
        byte[] clientId = null;
        if (lease.hardware() != null) {
            byte[] hw = lease.hardware().bytes();
            chaddr = new byte[hw.length + 1];
            chaddr[0] = (byte) lease.hardware().htype();
            System.arraycopy(hw, 0, chaddr, 1, hw.length);
        }
        if (lease.client() != null && (chaddr == null || !Arrays.equals(lease.client().bytes(), chaddr))) {
            clientId = lease.client().bytes();
        }
        boolean holds = lease.state() == LeaseState.ACTIVE || lease.state() == LeaseState.EXPIRED
                || lease.state() == LeaseState.RELEASED;
        long end = wire(lease.endEpochSecond());
        long tstp = lease.variable(TSTP).map(Long::parseLong).orElse(end);
        int flags = lease.bootp() ? Messages.IP_FLAG_BOOTP : 0;
        return new Binding(lease.key().address(), BindingStatus.of(lease.state()), holds ? clientId : null,
                holds ? chaddr : null, end, tstp, wire(lease.startEpochSecond()),
                lease.variable(CLTT).map(Long::parseLong).orElse(0L), flags);
    }

    /**
     * The lease a partner's binding makes of {@code current} (empty: none yet) in {@code pool}. As in
     * ISC, an EXPIRED, RELEASED or RESET binding the partner reports frees the address here.
     */
    public static Lease toLease(Binding b, PoolInfo pool, Optional<Lease> current) {
        LeaseKey key = new LeaseKey(pool.space(), b.address());
        Lease.Builder l = current.map(Lease::toBuilder).orElseGet(() -> Lease.builder(key)).subnet(pool.subnet())
                .pool(pool.id());
        LeaseState s = b.status().leaseState();
        boolean freed = s == LeaseState.EXPIRED || s == LeaseState.RELEASED || s == LeaseState.RESET;
        l.state(freed ? LeaseState.FREE : s);
        if (b.chaddr() != null && b.chaddr().length > 1) {
            byte[] c = b.chaddr();
            l.hardware(new HardwareAddress(c[0] & 0xFF, Arrays.copyOfRange(c, 1, c.length)));
        }
        if (b.clientId() != null && b.clientId().length > 0) {
            l.client(ClientKey.ofClientId(b.clientId()));
        } else if (b.chaddr() != null && b.chaddr().length > 1) {
            l.client(new ClientKey(b.chaddr()));
        }
        if (b.stos() != 0) {
            l.start(b.stos());
        }
        if (b.expiry() != 0) {
            l.end(b.expiry() == MAX_WIRE_TIME ? Lease.NEVER : b.expiry());
        }
        l.bootp((b.ipFlags() & Messages.IP_FLAG_BOOTP) != 0);
        if (b.potentialExpiry() != 0) {
            // the partner's potential expiry is what both servers now know: ISC sets tsfp and atsfp to it
            l.variable(TSFP, Long.toString(b.potentialExpiry()));
            l.variable(TSTP, Long.toString(b.potentialExpiry()));
        }
        l.variable(CLTT, b.cltt() != 0 ? Long.toString(b.cltt()) : null);
        return l.build();
    }

    private static long wire(long epochSecond) {
        return epochSecond == Lease.NEVER || epochSecond > MAX_WIRE_TIME ? MAX_WIRE_TIME : Math.max(0, epochSecond);
    }
}
