package org.leasehold.core.internal.capability;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.leasehold.api.StatusContributor;
import org.leasehold.api.config.ConfigParticipant;
import org.leasehold.api.lease.AllocationPolicy;
import org.leasehold.api.lease.LeaseListener;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What capabilities registered for the core: configuration participants, lease listeners, allocation
 * policies and status contributors, taken and dropped as DS services come and go. Each change swaps
 * an immutable list, so readers (the packet path asks for the policy on every allocation) take no
 * lock. The running server learns of a participant's arrival through {@link #onParticipant}.
 * Thread-safe.
 */
@Component(service = Capabilities.class)
public final class Capabilities {

    private static final Logger LOG = LoggerFactory.getLogger(Capabilities.class);

    /** A participant with the name it shows under. */
    public record Participant(ConfigParticipant participant, String name) {
    }

    private record Ranked<T>(T service, int ranking, long id) {
    }

    private final Object lock = new Object();
    private volatile List<Participant> participants = List.of();
    private volatile List<LeaseListener> listeners = List.of();
    private volatile List<StatusContributor> contributors = List.of();
    private volatile List<Ranked<AllocationPolicy>> policies = List.of();
    private volatile Consumer<Participant> arrivals = p -> { };

    /** Tells {@code c} of every participant that binds from now on (the running server's configuration). */
    public void onParticipant(Consumer<Participant> c) {
        arrivals = Objects.requireNonNull(c);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindParticipant(ConfigParticipant p, Map<String, Object> props) {
        Object n = props.get(ConfigParticipant.NAME);
        Object component = props.get("component.name");
        Participant entry = new Participant(p, String.valueOf(n != null ? n : component != null ? component
                : p.getClass().getName()));
        synchronized (lock) {
            List<Participant> next = new ArrayList<>(participants);
            next.add(entry);
            participants = List.copyOf(next);
        }
        LOG.info("Configuration participant {} bound (statements {})", entry.name(), safeKeywords(p));
        arrivals.accept(entry);
    }

    void unbindParticipant(ConfigParticipant p) {
        synchronized (lock) {
            participants = participants.stream().filter(e -> e.participant() != p).toList();
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindListener(LeaseListener l) {
        synchronized (lock) {
            List<LeaseListener> next = new ArrayList<>(listeners);
            next.add(l);
            listeners = List.copyOf(next);
        }
    }

    void unbindListener(LeaseListener l) {
        synchronized (lock) {
            listeners = listeners.stream().filter(e -> e != l).toList();
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindContributor(StatusContributor c) {
        synchronized (lock) {
            List<StatusContributor> next = new ArrayList<>(contributors);
            next.add(c);
            contributors = List.copyOf(next);
        }
    }

    void unbindContributor(StatusContributor c) {
        synchronized (lock) {
            contributors = contributors.stream().filter(e -> e != c).toList();
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindPolicy(AllocationPolicy p, Map<String, Object> props) {
        Object r = props.get(Constants.SERVICE_RANKING);
        Object id = props.get(Constants.SERVICE_ID);
        Ranked<AllocationPolicy> entry = new Ranked<>(p, r instanceof Integer i ? i : 0,
                id instanceof Long l ? l : Long.MAX_VALUE);
        synchronized (lock) {
            List<Ranked<AllocationPolicy>> next = new ArrayList<>(policies);
            next.add(entry);
            // highest ranking first; equal rankings: the lowest service id, as OSGi orders references
            next.sort(Comparator.comparingInt((Ranked<AllocationPolicy> e) -> -e.ranking()).thenComparingLong(Ranked::id));
            policies = List.copyOf(next);
        }
        LOG.info("Allocation policy {} bound", p.getClass().getName());
    }

    void unbindPolicy(AllocationPolicy p) {
        synchronized (lock) {
            policies = policies.stream().filter(e -> e.service() != p).toList();
        }
        LOG.info("Allocation policy {} unbound", p.getClass().getName());
    }

    public List<Participant> participants() {
        return participants;
    }

    public List<LeaseListener> listeners() {
        return listeners;
    }

    public List<StatusContributor> contributors() {
        return contributors;
    }

    /** The policy in force (the highest ranked), or null when none is bound. Never blocks. */
    public AllocationPolicy policy() {
        List<Ranked<AllocationPolicy>> p = policies;
        return p.isEmpty() ? null : p.get(0).service();
    }

    /** Keywords of a participant; a participant that throws claims none (and is logged). */
    static Set<String> safeKeywords(ConfigParticipant p) {
        try {
            Set<String> k = p.keywords();
            return k == null ? Set.of() : k;
        } catch (RuntimeException e) {
            LOG.warn("Configuration participant {} failed to name its statements: {}", p.getClass().getName(),
                    String.valueOf(e));
            return Set.of();
        }
    }
}
