package org.leasehold.core.internal.engine;

import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.leasehold.api.lease.Lease;
import org.leasehold.core.internal.config.EventBlock;
import org.leasehold.core.internal.config.EventStatement;
import org.leasehold.core.internal.config.HostDecl;
import org.leasehold.core.internal.config.Params;
import org.leasehold.core.internal.config.PoolDecl;
import org.leasehold.core.internal.config.SubnetDecl;
import org.leasehold.core.internal.expr.Expr;
import org.leasehold.core.internal.expr.PacketView;
import org.leasehold.core.internal.expr.Value;
import org.leasehold.core.internal.value.Bytes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs ISC {@code on commit | release | expiry} statements for one lease. The handler is ISC's: the
 * scopes' {@code on} statements are applied outermost first (global, shared-network, subnet, pool,
 * classes, host) and each one naming the event replaces the one before, so the innermost scope's block
 * runs. {@code set}/{@code unset} change the lease's variables in the record about to be stored (one
 * write with the binding, nothing a crash could split); {@code log} writes to the logger
 * {@code org.leasehold.events}; {@code execute} is handed back to be run once the lease is stored.
 * Never blocks. Stateless.
 */
final class EventActions {

    static final Logger LOG = LoggerFactory.getLogger("org.leasehold.events");

    private EventActions() {
    }

    /** The lease with its variables as the statements left them, and the programs to run after it is stored. */
    record Outcome(Lease lease, List<ProgramRunner.Invocation> programs) {
    }

    /** Where an event runs: the message that caused it (none for expiry), the matched host, whether fixed. */
    record Context(PacketView packet, Optional<HostDecl> host, boolean fixed, long now, String label) {
    }

    /** The block that handles {@code event} in these scopes (least specific first), if any. */
    static Optional<EventBlock> handler(List<Params> scopes, EventBlock.Event event) {
        EventBlock found = null;
        for (Params p : scopes) {
            for (EventBlock b : p.events()) {
                if (b.events().contains(event)) {
                    found = b;
                }
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * The event's statements for the lease. For a commit, first the statements written directly in the
     * scopes ({@code set}, {@code log}, ... outside any {@code on}), every scope's, outermost first, as ISC's
     * ack_lease runs them before the lease's on-commit handler.
     */
    static Outcome run(EventBlock.Event event, List<Params> scopes, Lease lease, Context ctx) {
        Optional<EventBlock> block = handler(scopes, event);
        boolean own = event == EventBlock.Event.COMMIT && hasScopeStatements(scopes);
        if (block.isEmpty() && !own) {
            return new Outcome(lease, List.of());
        }
        Run r = new Run(lease, ctx);
        if (own) {
            scopeStatements(r, scopes);
        }
        block.ifPresent(b -> r.statements(b.statements()));
        Lease out = r.variables.equals(lease.variables()) ? lease : lease.toBuilder().variables(r.variables).build();
        return new Outcome(out, List.copyOf(r.programs));
    }

    /**
     * An OFFER: the scopes' own statements run (ISC runs them for the offered lease too), their
     * {@code log}s written and {@code execute}s returned; the offered lease is not stored, so its
     * {@code set}s are not kept.
     */
    static Outcome offer(List<Params> scopes, Lease lease, Context ctx) {
        if (!hasScopeStatements(scopes)) {
            return new Outcome(lease, List.of());
        }
        Run r = new Run(lease, ctx);
        scopeStatements(r, scopes);
        return new Outcome(lease, List.copyOf(r.programs));
    }

    private static boolean hasScopeStatements(List<Params> scopes) {
        for (Params p : scopes) {
            for (EventBlock b : p.events()) {
                if (b.scopeStatement()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void scopeStatements(Run r, List<Params> scopes) {
        for (Params p : scopes) {
            for (EventBlock b : p.events()) {
                if (b.scopeStatement()) {
                    r.statements(b.statements());
                }
            }
        }
    }

    /** The scopes a stored lease belongs to: its subnet and pool, with the given classes and host. */
    static List<Params> scopes(ConfigView view, Lease lease, List<Params> classes, Optional<HostDecl> host,
            PacketView packet) {
        Optional<SubnetDecl> subnet = view.subnet(lease.subnet());
        Optional<PoolDecl> pool = subnet.flatMap(s -> s.pools().stream().filter(p -> p.id().equals(lease.pool()))
                .findFirst());
        return view.scopes(subnet, pool, classes, host, packet);
    }

    /** One execution: the working variables, the programs collected. */
    private static final class Run implements PacketView {
        final TreeMap<String, String> variables;
        final List<ProgramRunner.Invocation> programs = new ArrayList<>();
        final Lease lease;
        final Context ctx;

        Run(Lease lease, Context ctx) {
            this.variables = new TreeMap<>(lease.variables());
            this.lease = lease;
            this.ctx = ctx;
        }

        /** Runs statements in order; true when a {@code break} ended them (it ends the enclosing switch). */
        boolean statements(List<EventStatement> body) {
            for (int i = 0; i < body.size(); i++) {
                if (statement(body.get(i))) {
                    return true;
                }
            }
            return false;
        }

        private boolean statement(EventStatement s) {
            if (s instanceof EventStatement.Set set) {
                String text = text(set.value().eval(this));
                if (text == null) {
                    variables.remove(set.name());
                } else {
                    variables.put(set.name(), text);
                }
            } else if (s instanceof EventStatement.Unset unset) {
                variables.remove(unset.name());
            } else if (s instanceof EventStatement.Log log) {
                log(log);
            } else if (s instanceof EventStatement.Execute exec) {
                List<String> args = new ArrayList<>();
                for (Expr a : exec.arguments()) {
                    Bytes b = a.eval(this).dataOrNull();
                    args.add(b == null ? "" : b.ascii());
                }
                programs.add(new ProgramRunner.Invocation(exec.program(), args, ctx.label()));
            } else if (s instanceof EventStatement.If c) {
                for (EventStatement.Arm arm : c.arms()) {
                    if (arm.condition().eval(this).isTrue()) {
                        return statements(arm.body());
                    }
                }
                return statements(c.otherwise());
            } else if (s instanceof EventStatement.Switch sw) {
                switchStatement(sw);
            } else if (s instanceof EventStatement.Break) {
                return true;
            }
            return false;
        }

        private void switchStatement(EventStatement.Switch sw) {
            int start = -1;
            for (EventStatement.Case c : sw.cases()) {
                if (c.value() != null && new Expr.Equal(sw.subject(), c.value(), false).eval(this).isTrue()) {
                    start = c.start();
                    break;
                }
            }
            if (start < 0) {
                start = sw.cases().stream().filter(c -> c.value() == null).mapToInt(EventStatement.Case::start)
                        .findFirst().orElse(-1);
            }
            if (start >= 0) {
                statements(sw.body().subList(start, sw.body().size()));
            }
        }

        private void log(EventStatement.Log log) {
            Bytes b = log.message().eval(this).dataOrNull();
            if (b == null) {
                return;
            }
            String text = new String(b.toArray(), StandardCharsets.UTF_8);
            switch (log.priority()) {
                case "fatal", "error" -> LOG.error("{}", text);
                case "info" -> LOG.info("{}", text);
                default -> LOG.debug("{}", text);
            }
        }

        /** A variable's stored text: data as its bytes, numbers in decimal, booleans as true/false. */
        private static String text(Value v) {
            if (v instanceof Value.Data d) {
                return d.bytes().ascii();
            }
            if (v instanceof Value.Num n) {
                return Long.toString(n.value());
            }
            if (v instanceof Value.Bool b) {
                return Boolean.toString(b.value());
            }
            return null;
        }

        @Override
        public Optional<Bytes> option(String space, int code) {
            return ctx.packet() == null ? Optional.empty() : ctx.packet().option(space, code);
        }

        @Override
        public Bytes hardware() {
            if (ctx.packet() != null) {
                return ctx.packet().hardware();
            }
            if (lease.hardware() == null) {
                return Bytes.of(new byte[0]);
            }
            byte[] mac = lease.hardware().bytes();
            byte[] out = new byte[mac.length + 1];
            out[0] = (byte) lease.hardware().htype();
            System.arraycopy(mac, 0, out, 1, mac.length);
            return Bytes.of(out);
        }

        @Override
        public Bytes packet() {
            return ctx.packet() == null ? Bytes.of(new byte[0]) : ctx.packet().packet();
        }

        @Override
        public Optional<Inet4Address> leasedAddress() {
            return Optional.of(lease.key().address());
        }

        @Override
        public Set<String> classes() {
            return ctx.packet() == null ? lease.classes() : ctx.packet().classes();
        }

        @Override
        public Optional<Bytes> attribute(String name) {
            return ctx.packet() == null ? Optional.empty() : ctx.packet().attribute(name);
        }

        @Override
        public boolean known() {
            return ctx.host().isPresent();
        }

        @Override
        public Optional<Bytes> variable(String name) {
            return Optional.ofNullable(variables.get(name)).map(Bytes::of);
        }

        /** Seconds from now to the lease's end (ISC: null once it has ended); 0xffffffff for an infinite lease. */
        @Override
        public Optional<Long> leaseTime() {
            if (lease.endEpochSecond() == Lease.NEVER) {
                return Optional.of(0xffffffffL);
            }
            long left = lease.endEpochSecond() - ctx.now();
            return left < 0 ? Optional.empty() : Optional.of(left);
        }

        @Override
        public Optional<String> hostDeclName() {
            return ctx.host().map(HostDecl::name);
        }

        @Override
        public Optional<Boolean> staticLease() {
            return Optional.of(ctx.fixed());
        }
    }
}
