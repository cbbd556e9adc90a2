package org.leasehold.core.internal.engine;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.leasehold.api.codec.DecodeException;
import org.leasehold.api.codec.DhcpCodec;
import org.leasehold.api.message.DhcpMessage;
import org.leasehold.api.message.DhcpOption;
import org.leasehold.api.message.DhcpOptions;
import org.leasehold.api.message.HardwareAddress;
import org.leasehold.api.message.MessageType;
import org.leasehold.core.internal.syntax.ConfigException;
import org.leasehold.core.internal.config.ConfigParser;
import org.leasehold.core.internal.lease.JournalLeaseStore;
import org.leasehold.core.internal.transport.Endpoint;
import org.leasehold.core.internal.transport.ListenSpec;

/** An engine on a real journal in a temp folder, fed encoded datagrams, with its replies captured. */
final class EngineFixture implements AutoCloseable {

    static final Inet4Address SERVER = ip("198.18.0.1");

    /** One datagram the engine sent. */
    record Sent(DhcpMessage message, InetSocketAddress to) {
        MessageType type() {
            return message.messageType().orElse(null);
        }
    }

    final JournalLeaseStore store;
    final AtomicLong clock = new AtomicLong(1_800_000_000L);
    final List<Sent> sent = new CopyOnWriteArrayList<>();
    final DhcpEngine engine;
    final Endpoint endpoint;

    EngineFixture(Path dir, String dhcpdConf) throws IOException, ConfigException {
        this(dir, dhcpdConf, (org.leasehold.core.internal.pipeline.PipelineRunner) null);
    }

    /** An engine whose lease events run {@code execute} programs through {@code programs}. */
    EngineFixture(Path dir, String dhcpdConf, ProgramRunner programs) throws IOException, ConfigException {
        this(dir, dhcpdConf, null, () -> null, PingCheck.NONE, programs);
    }

    EngineFixture(Path dir, String dhcpdConf, org.leasehold.core.internal.pipeline.PipelineRunner pipeline)
            throws IOException, ConfigException {
        this(dir, dhcpdConf, pipeline, () -> null);
    }

    EngineFixture(Path dir, String dhcpdConf, org.leasehold.core.internal.pipeline.PipelineRunner pipeline,
            java.util.function.Supplier<org.leasehold.api.lease.AllocationPolicy> policy)
            throws IOException, ConfigException {
        this(dir, dhcpdConf, pipeline, policy, PingCheck.NONE);
    }

    EngineFixture(Path dir, String dhcpdConf, org.leasehold.core.internal.pipeline.PipelineRunner pipeline,
            java.util.function.Supplier<org.leasehold.api.lease.AllocationPolicy> policy, PingCheck ping)
            throws IOException, ConfigException {
        this(dir, dhcpdConf, pipeline, policy, ping, ProgramRunner.disabled());
    }

    EngineFixture(Path dir, String dhcpdConf, org.leasehold.core.internal.pipeline.PipelineRunner pipeline,
            java.util.function.Supplier<org.leasehold.api.lease.AllocationPolicy> policy, PingCheck ping,
            ProgramRunner programs) throws IOException, ConfigException {
        store = new JournalLeaseStore(dir);
        ConfigView view = new ConfigView(ConfigParser.parse("test.conf", dhcpdConf));
        engine = new DhcpEngine(() -> view, store, () -> pipeline, policy, clock::get, 67, 68, ping, programs);
        ListenSpec spec = new ListenSpec("198.18.0.1", Optional.of(SERVER), Optional.of("srv0"), List.of(SERVER), false);
        endpoint = new Endpoint(spec, Runnable::run, this::capture, "test");
    }

    private void capture(byte[] payload, InetSocketAddress to) {
        try {
            sent.add(new Sent(DhcpCodec.decode(payload), to));
        } catch (DecodeException e) {
            throw new AssertionError("engine sent an undecodable reply", e);
        }
    }

    /** Feeds one request from {@code source}. */
    void receive(DhcpMessage m, InetSocketAddress source) {
        engine.receive(endpoint, ByteBuffer.wrap(DhcpCodec.encode(m)), source);
    }

    void receive(DhcpMessage m) {
        receive(m, new InetSocketAddress(ip("0.0.0.0"), 68));
    }

    /** Feeds a request and waits for the {@code n}-th reply overall (1-based). */
    Sent exchange(DhcpMessage m) {
        int before = sent.size();
        receive(m);
        await().atMost(Duration.ofSeconds(10)).until(() -> sent.size() > before);
        return sent.get(before);
    }

    static DhcpMessage.Builder request(MessageType type, String mac, int xid) {
        return DhcpMessage.builder().xid(xid).hardwareAddress(HardwareAddress.parse(mac))
                .options(DhcpOptions.of(DhcpOption.ofUint8(53, type.code())));
    }

    static DhcpMessage with(DhcpMessage.Builder b, DhcpOption... options) {
        DhcpMessage m = b.build();
        DhcpOptions o = m.options();
        for (DhcpOption x : options) {
            o = o.with(x);
        }
        return m.toBuilder().options(o).build();
    }

    static Inet4Address ip(String s) {
        try {
            return (Inet4Address) InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public void close() throws IOException {
        store.close();
    }
}
