package org.leasehold.core.internal.classify;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.leasehold.core.internal.expr.PacketView;
import org.leasehold.core.internal.config.HostDecl;
import org.leasehold.core.internal.config.Params;

/**
 * What the classifier found for one message. {@code classes} holds class names and, for subclass
 * members, also "CLASS:hex-value" (declared or spawned); {@code limits} are the lease limits to
 * enforce, each on the most specific class that carries it; {@code params} are the class and subclass
 * scopes in precedence order (lowest first). Immutable.
 */
public record Classification(Set<String> classes, List<ClassLimit> limits, List<Params> params,
        Optional<HostDecl> host, boolean authenticated) {

    public static final Classification NONE = new Classification(Set.of(), List.of(), List.of(), Optional.empty());

    /** A classification of an unauthenticated request. */
    public Classification(Set<String> classes, List<ClassLimit> limits, List<Params> params, Optional<HostDecl> host) {
        this(classes, limits, params, host, false);
    }

    /** This classification of a request that did (or did not) pass an authentication check. */
    public Classification withAuthenticated(boolean passed) {
        return passed == authenticated ? this : new Classification(classes, limits, params, host, passed);
    }

    /** {@code authenticated}: the request passed an authentication check (RFC 3118), see the pipeline. */
    public Classification {
        classes = Set.copyOf(classes);
        limits = List.copyOf(limits);
        params = List.copyOf(params);
    }

    /** ISC "known": a host declaration matches the client. */
    public boolean known() {
        return host.isPresent();
    }

    public boolean memberOf(String className) {
        return classes.contains(className);
    }

    /**
     * {@code packet} as scope {@code if} statements see it once classification is done: with these
     * classes ({@code member of}) and whether the host is {@code known}.
     */
    public PacketView view(PacketView packet) {
        return new ClassifyingView(packet, classes, known());
    }
}
