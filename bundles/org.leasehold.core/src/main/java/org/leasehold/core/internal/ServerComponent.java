package org.leasehold.core.internal;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.leasehold.api.ServerInfo;
import org.leasehold.core.internal.transport.UdpTransport;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running DHCP server: binds the configured sockets and hands every datagram to the engine.
 * A configuration change re-activates the component (new sockets, same lease store).
 */
@Component(service = ServerInfo.class, configurationPid = CoreConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true)
@Designate(ocd = CoreConfig.class)
public final class ServerComponent implements ServerInfo {

    private static final Logger LOG = LoggerFactory.getLogger(ServerComponent.class);

    private final CoreConfig config;
    private final UdpTransport transport;
    private final LongAdder received = new LongAdder();

    @Activate
    public ServerComponent(CoreConfig config) throws InterruptedException {
        this.config = config;
        int threads = config.threads() > 0 ? config.threads() : Runtime.getRuntime().availableProcessors();
        this.transport = new UdpTransport(threads);
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (String listen : config.listen()) {
            addresses.add(new InetSocketAddress(listen.trim(), config.port()));
        }
        try {
            transport.bind(addresses, new Receiver());
        } catch (RuntimeException | InterruptedException e) {
            transport.close();
            throw e;
        }
        LOG.info("Leasehold DHCP server started on {} port {}", String.join(",", config.listen()), config.port());
    }

    @Deactivate
    void deactivate() {
        transport.close();
        LOG.info("Leasehold DHCP server stopped");
    }

    @Override
    public Map<String, String> status() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("listen", String.join(",", config.listen()) + " port " + config.port());
        s.put("transport", transport.epoll() ? "epoll" : "nio");
        s.put("config", config.configFile());
        s.put("packets.received", Long.toString(received.sum()));
        return s;
    }

    @Sharable
    private final class Receiver extends SimpleChannelInboundHandler<DatagramPacket> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            received.increment();
        }
    }
}
