package org.leasehold.core.internal;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.leasehold.api.lease.LeaseState;
import org.leasehold.api.metrics.MetricSink;
import org.leasehold.api.metrics.MetricsSource;
import org.leasehold.core.internal.alloc.PoolStat;
import org.leasehold.core.internal.alloc.PoolStatsProvider;
import org.leasehold.core.internal.engine.EngineStats;
import org.leasehold.core.internal.lease.JournalLeaseStore;
import org.leasehold.core.internal.lease.JournalStats;
import org.leasehold.core.internal.lease.LatencyHistogram;
import org.leasehold.core.internal.pipeline.PipelineRunner;
import org.leasehold.core.internal.transport.UdpTransport;

/**
 * The core's metrics, read from the counters the server already keeps (nothing is counted twice on the
 * packet path): datagrams, messages in and out per type, drops per reason, decode errors, leases per
 * state, pool occupancy, the journal's fsyncs (a latency histogram) and the pipeline's handler time.
 * Thread-safe; answers from memory (pool occupancy walks the lease table, as {@code dhcp:pool-stats} does).
 */
final class CoreMetrics implements MetricsSource {

    private final UdpTransport transport;
    private final EngineStats engine;
    private final JournalLeaseStore store;
    private final PoolStatsProvider pools;
    private final Supplier<PipelineRunner> pipeline;

    CoreMetrics(UdpTransport transport, EngineStats engine, JournalLeaseStore store, PoolStatsProvider pools,
            Supplier<PipelineRunner> pipeline) {
        this.transport = transport;
        this.engine = engine;
        this.store = store;
        this.pools = pools;
        this.pipeline = pipeline;
    }

    @Override
    public void collect(MetricSink sink) {
        sink.counter("leasehold_datagrams_received_total", "UDP datagrams received", Map.of(), transport.received());
        sink.counter("leasehold_datagrams_sent_total", "UDP datagrams sent", Map.of(), transport.sent());
        sink.counter("leasehold_datagram_send_failures_total", "UDP datagrams the socket refused", Map.of(),
                transport.sendFailures());
        engineCounters(sink);
        for (LeaseState st : LeaseState.values()) {
            sink.gauge("leasehold_leases", "Leases in the lease table, per state",
                    Map.of("state", st.name().toLowerCase(Locale.ROOT)), store.count(st));
        }
        for (PoolStat p : pools.poolStats()) {
            Map<String, String> pool = Map.of("subnet", p.subnet(), "pool", p.pool(), "space", p.space());
            sink.gauge("leasehold_pool_addresses", "Addresses in the pool", pool, p.size());
            sink.gauge("leasehold_pool_busy_addresses", "Pool addresses leased (offered, active, in failover use)",
                    pool, p.busy());
            sink.gauge("leasehold_pool_abandoned_addresses", "Pool addresses abandoned (declined, answered a ping)",
                    pool, p.abandoned());
            sink.gauge("leasehold_pool_free_addresses", "Pool addresses free to allocate", pool, p.free());
            sink.gauge("leasehold_pool_utilization_ratio", "(busy + abandoned) / size, 0..1, as dhcp:pool-stats Used%",
                    pool, p.size() == 0 ? 0 : (double) (p.busy() + p.abandoned()) / p.size());
        }
        journal(sink);
        handlers(sink);
    }

    /** The engine's named counters, split by kind: rx.TYPE, tx.TYPE, drop.REASON, the rest by name. */
    private void engineCounters(MetricSink sink) {
        Map<String, Long> snapshot = engine.snapshot();
        long decode = 0;
        for (Map.Entry<String, Long> e : snapshot.entrySet()) {
            String name = e.getKey();
            int dot = name.indexOf('.');
            String kind = dot < 0 ? name : name.substring(0, dot);
            String rest = dot < 0 ? "" : name.substring(dot + 1);
            switch (kind) {
                case "rx" -> sink.counter("leasehold_messages_received_total", "DHCP messages received, per type",
                        Map.of("type", rest), e.getValue());
                case "tx" -> sink.counter("leasehold_messages_sent_total", "DHCP messages sent, per type",
                        Map.of("type", rest), e.getValue());
                case "drop" -> sink.counter("leasehold_messages_dropped_total", "Messages dropped, per reason",
                        Map.of("reason", rest), e.getValue());
                default -> sink.counter("leasehold_engine_events_total",
                        "Other engine events (skips, releases of unknown leases, declines, ...)",
                        Map.of("event", name), e.getValue());
            }
            if (name.equals("drop.decode")) {
                decode = e.getValue();
            }
        }
        sink.counter("leasehold_decode_errors_total", "Datagrams that did not decode as DHCP", Map.of(), decode);
    }

    private void journal(MetricSink sink) {
        JournalStats j = store.stats();
        sink.counter("leasehold_journal_records_total", "Records appended to the lease journal", Map.of(), j.records());
        sink.counter("leasehold_journal_fsyncs_total", "Group fsyncs of the lease journal", Map.of(), j.fsyncs());
        sink.counter("leasehold_journal_slow_fsyncs_total", "Group fsyncs of 100 ms or more", Map.of(), j.slowFsyncs());
        sink.counter("leasehold_journal_compactions_total", "Journal compactions", Map.of(), j.compactions());
        sink.gauge("leasehold_journal_bytes", "Size of the lease journal", Map.of(), j.fileBytes());
        LatencyHistogram.Snapshot h = store.fsyncLatency();
        sink.histogram("leasehold_journal_fsync_seconds", "Duration of the lease journal's group fsyncs", Map.of(),
                h.upperBounds(), h.counts(), h.count(), h.sumSeconds());
    }

    private void handlers(MetricSink sink) {
        PipelineRunner runner = pipeline.get();
        if (runner == null) {
            return;
        }
        for (PipelineRunner.HandlerInfo h : runner.handlers()) {
            Map<String, String> l = new LinkedHashMap<>();
            l.put("hook", h.hook().name().toLowerCase(Locale.ROOT));
            l.put("handler", h.name());
            sink.counter("leasehold_pipeline_handler_calls_total", "Calls of a pipeline handler", l, h.calls());
            sink.counter("leasehold_pipeline_handler_errors_total", "Calls of a pipeline handler that threw", l,
                    h.errors());
            sink.counter("leasehold_pipeline_handler_seconds_total", "Time spent in a pipeline handler", l,
                    h.nanos() / 1e9);
        }
        sink.gauge("leasehold_pipeline_parked", "Packets waiting on a parked handler", Map.of(), runner.parkedNow());
        sink.counter("leasehold_pipeline_park_rejected_total", "Packets dropped: the parked bound was reached",
                Map.of(), runner.parkRejected());
    }
}
