package org.leasehold.web.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.leasehold.api.metrics.MetricsSource;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Every registered {@link MetricsSource} (the core's, each capability's), taken and dropped as they come
 * and go; {@link #scrape()} collects them all on the caller's thread. Thread-safe.
 */
@Component(service = MetricsCollector.class)
public final class MetricsCollector {

    private final List<MetricsSource> sources = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindSource(MetricsSource source) {
        sources.add(source);
    }

    void unbindSource(MetricsSource source) {
        sources.remove(source);
    }

    /** One collection from every source bound now. */
    Scrape scrape() {
        return Scrape.of(sources);
    }
}
