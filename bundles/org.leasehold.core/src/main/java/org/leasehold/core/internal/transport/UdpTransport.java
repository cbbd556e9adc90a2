package org.leasehold.core.internal.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.unix.RawUnixChannelOption;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UDP sockets the server listens on: epoll when the native transport loads, NIO otherwise.
 *
 * <p>How entries are bound (a socket bound to a unicast address never sees a broadcast DISCOVER,
 * and a socket bound to 0.0.0.0 without a device cannot tell where a broadcast came from nor send a
 * limited broadcast out of the right interface when there is no default route):
 * <ul>
 * <li>an interface name, or an address of a non-loopback interface: {@code 0.0.0.0:port} with
 * {@code SO_BINDTODEVICE} to that interface (epoll), one socket per interface. It receives the
 * interface's broadcasts and unicasts, and its broadcasts leave through it.</li>
 * <li>a loopback address: that address only (local tools such as {@code dhcp:probe}), bound to the
 * loopback device with epoll so that it does not overlap the sockets bound to other devices.</li>
 * <li>{@code 0.0.0.0}: one wildcard socket; replies leave as the routing table says.</li>
 * <li>without epoll (no {@code SO_BINDTODEVICE}): the address itself plus one wildcard socket for
 * broadcasts.</li>
 * </ul>
 * One server per socket: with epoll no socket sets {@code SO_REUSEADDR} (the sockets of one server are
 * told apart by device, never shared), so a port that another process holds on the same address and
 * device fails the bind with a {@link BindRefusedException} naming it, instead of the kernel splitting
 * the traffic between two servers. The NIO fallback needs {@code SO_REUSEADDR} for its own address plus
 * wildcard pair, and checks first with an exclusive bind that nobody else holds the port.
 * Not thread-safe; owned by one component's activate/deactivate.
 */
public final class UdpTransport implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UdpTransport.class);
    /** Bound on each wait of a close (sockets, event loops). */
    private static final long CLOSE_WAIT_SECONDS = 10;
    private static final int SOL_SOCKET = 1;
    private static final int SO_BINDTODEVICE = 25;
    private static final Inet4Address ANY = ReplyAddressing.any();
    /** Largest datagram read whole (a longer one is cut, fails to decode or loses its tail options). */
    static final int MAX_DATAGRAM = 4096;
    /** Datagrams per recvmmsg, and flushes merged into one sendmmsg. */
    static final int MAX_BATCH = 16;
    /** Datagrams one read of a socket may take before the event loop turns to its other work. */
    static final int MAX_READ = 256;

    private final EventLoopGroup group;
    private final boolean epoll;
    private final List<Endpoint> endpoints = new ArrayList<>();
    private final List<Channel> channels = new ArrayList<>();
    private final SocketCounters counters = new SocketCounters();
    private final int shedAfter;

    public UdpTransport(int threads) {
        this(threads, 0);
    }

    /**
     * {@code shedDiscoversAfter}: once a socket has stayed behind (every read full, the queue never
     * empty) for this many datagrams, its DISCOVERs are dropped unread and counted ({@link Shedding})
     * until a read finds the queue drained; 0 sheds nothing.
     */
    public UdpTransport(int threads, int shedDiscoversAfter) {
        this.shedAfter = Math.max(0, shedDiscoversAfter);
        this.epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.group = new MultiThreadIoEventLoopGroup(Math.max(1, threads), io);
    }

    /**
     * Binds every entry on {@code port}; blocks until bound.
     *
     * @throws BindRefusedException when a socket cannot be bound (the port is held, the address is not
     *                              this host's); the sockets bound before it stay open until {@link #close}
     */
    public void bind(List<ListenSpec> specs, int port, DatagramSink sink) throws InterruptedException, BindRefusedException {
        Set<String> devices = new HashSet<>();
        boolean wildcard = false;
        for (ListenSpec spec : specs) {
            if (spec.loopback() && spec.address().isPresent()) {
                open(spec, new InetSocketAddress(spec.address().get(), port), epoll ? spec.ifname().orElse(null) : null,
                        sink);
            } else if (spec.wildcard()) {
                if (!wildcard) {
                    open(spec, new InetSocketAddress(ANY, port), null, sink);
                    wildcard = true;
                }
            } else if (epoll && spec.ifname().isPresent()) {
                if (devices.add(spec.ifname().get())) {
                    open(spec, new InetSocketAddress(ANY, port), spec.ifname().get(), sink);
                }
            } else {
                LOG.warn("{}: no SO_BINDTODEVICE here ({}); binding the address plus a wildcard socket for broadcasts",
                        spec.text(), epoll ? "interface unknown" : "NIO transport");
                if (spec.address().isPresent()) {
                    open(spec, new InetSocketAddress(spec.address().get(), port), null, sink);
                }
                if (!wildcard) {
                    open(spec, new InetSocketAddress(ANY, port), null, sink);
                    wildcard = true;
                }
            }
        }
    }

    private void open(ListenSpec spec, InetSocketAddress local, String device, DatagramSink sink)
            throws InterruptedException, BindRefusedException {
        Opened o = open(spec, local, device, sink, counters);
        channels.add(o.channel());
        endpoints.add(o.endpoint());
        LOG.info("Listening for DHCP on {}/udp{} as {} ({})", local, device == null ? "" : " device " + device,
                spec.addresses(), epoll ? "epoll" : "nio");
    }

    /**
     * A socket on 127.0.0.1 at an ephemeral port, delivering to {@code sink} through the same read and
     * write path as the served sockets but outside them (not listed, not counted): the start-up
     * rehearsal's. Closed with the returned handle.
     */
    public ScratchSocket openScratch(DatagramSink sink) throws InterruptedException, BindRefusedException {
        Inet4Address loopback = ReplyAddressing.loopback();
        ListenSpec spec = new ListenSpec("rehearsal", Optional.of(loopback), Optional.empty(),
                List.of(loopback), true);
        return new ScratchSocket(open(spec, new InetSocketAddress(loopback, 0), null, sink, new SocketCounters()).channel());
    }

    /** A socket opened by {@link #openScratch}. */
    public static final class ScratchSocket implements AutoCloseable {
        private final Channel ch;

        private ScratchSocket(Channel ch) {
            this.ch = ch;
        }

        public InetSocketAddress local() {
            return (InetSocketAddress) ch.localAddress();
        }

        @Override
        public void close() {
            closeBounded(ch);
        }
    }

    /** A bound socket and the endpoint that answers through it. */
    private record Opened(Channel channel, Endpoint endpoint) {
    }

    private Opened open(ListenSpec spec, InetSocketAddress local, String device, DatagramSink sink, SocketCounters count)
            throws InterruptedException, BindRefusedException {
        if (!epoll && local.getPort() != 0) {
            refuseIfHeld(local);
        }
        Endpoint[] self = new Endpoint[1];
        BatchedSender[] outbound = new BatchedSender[1];
        Bootstrap b = new Bootstrap()
                .group(group)
                // IPv4 sockets: a dual-stack socket would do, but DHCPv4 has no business on IPv6
                .channelFactory(() -> epoll ? new EpollDatagramChannel(SocketProtocolFamily.INET)
                        : new NioDatagramChannel(SocketProtocolFamily.INET))
                .option(ChannelOption.SO_BROADCAST, true)
                .option(ChannelOption.SO_REUSEADDR, !epoll)
                .option(ChannelOption.SO_RCVBUF, 4 * 1024 * 1024)
                .handler(new Receiver(self, outbound, sink, count, shedAfter));
        if (epoll) {
            // recvmmsg: up to MAX_BATCH datagrams per system call. A datagram longer than
            // MAX_DATAGRAM bytes would be cut; DHCP messages are at most 576 bytes unless the client
            // asks for more (option 57), and no link here carries more than 1500 in one frame.
            // One wake-up reads up to MAX_READ datagrams; a read that takes them all stopped with more
            // waiting, which is how the receiver sees that the socket is behind (Shedding).
            b.option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, MAX_DATAGRAM)
                    .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM * MAX_BATCH)
                            .maxMessagesPerRead(MAX_READ));
        }
        if (device != null) {
            byte[] name = (device + "\0").getBytes(StandardCharsets.US_ASCII);
            b.option(new RawUnixChannelOption("SO_BINDTODEVICE", SOL_SOCKET, SO_BINDTODEVICE, name.length),
                    ByteBuffer.wrap(name));
        }
        ChannelFuture bound = b.bind(local).await();
        if (!bound.isSuccess()) {
            throw new BindRefusedException(local, device, bound.cause(), SocketHolders.of(local));
        }
        Channel ch = bound.channel();
        outbound[0] = new BatchedSender(ch, MAX_BATCH, count);
        self[0] = new Endpoint(spec, ch.eventLoop(), outbound[0]::send,
                String.valueOf(ch.localAddress()) + (device == null ? "" : "%" + device));
        return new Opened(ch, self[0]);
    }

    /** The NIO fallback's check that no other socket holds {@code local}: an exclusive bind, at once closed. */
    private static void refuseIfHeld(InetSocketAddress local) throws BindRefusedException {
        try (DatagramChannel probe = DatagramChannel.open(StandardProtocolFamily.INET)) {
            probe.setOption(StandardSocketOptions.SO_REUSEADDR, false);
            probe.bind(local);
        } catch (IOException e) {
            throw new BindRefusedException(local, null, e, SocketHolders.of(local));
        }
    }

    public List<Endpoint> endpoints() {
        return List.copyOf(endpoints);
    }

    public boolean epoll() {
        return epoll;
    }

    public long received() {
        return counters.received.sum();
    }


    public long sent() {
        return counters.sent.sum();
    }

    public long sendFailures() {
        return counters.sendFailures.sum();
    }

    /** DISCOVERs dropped unread because the socket was behind. */
    public long shedDiscovers() {
        return counters.shedDiscovers.sum();
    }

    /**
     * Closes the sockets, then stops the event loops. Each wait is bounded: a stop runs on a framework
     * thread, and an event loop blocked elsewhere must not hold it forever (a late loop is logged).
     */
    @Override
    public void close() {
        channels.forEach(UdpTransport::closeBounded);
        channels.clear();
        endpoints.clear();
        if (!group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
            LOG.warn("Event loops not stopped within {} s", CLOSE_WAIT_SECONDS);
        }
    }

    private static void closeBounded(Channel ch) {
        if (!ch.close().awaitUninterruptibly(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
            LOG.warn("Socket {} not closed within {} s", ch.localAddress(), CLOSE_WAIT_SECONDS);
        }
    }

    @Sharable
    private final class Receiver extends SimpleChannelInboundHandler<DatagramPacket> {
        private final Endpoint[] endpoint;
        private final BatchedSender[] outbound;
        private final DatagramSink sink;
        private final SocketCounters count;
        private final int shedAfter;
        /** Datagrams of the current read (the event loop's only: one channel, one thread). */
        private int burst;
        /** Datagrams read while the socket never ran empty, over consecutive full reads. */
        private long behind;
        /** This read drops DISCOVERs: the socket has been behind by shedAfter datagrams or more. */
        private boolean shedding;

        /** {@code endpoint} and {@code outbound} are filled in once the socket is bound. */
        Receiver(Endpoint[] endpoint, BatchedSender[] outbound, DatagramSink sink, SocketCounters count,
                int shedAfter) {
            this.endpoint = endpoint;
            this.outbound = outbound;
            this.sink = sink;
            this.count = count;
            this.shedAfter = shedAfter;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            count.received.increment();
            burst++;
            if (shedding && Shedding.isDiscover(packet.content().nioBuffer())) {
                count.shedDiscovers.increment();
                return;
            }
            BatchedSender out = outbound[0];
            if (out != null) {
                out.readStarted();
            }
            Endpoint ep = endpoint[0];
            if (ep != null) {
                sink.receive(ep, packet.content().nioBuffer(), packet.sender());
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            // a read that took MAX_READ datagrams stopped with more waiting: the socket stays behind
            behind = burst >= MAX_READ ? behind + burst : 0;
            burst = 0;
            shedding = shedAfter > 0 && behind >= shedAfter;
            BatchedSender out = outbound[0];
            if (out != null) {
                out.readComplete();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.warn("Socket error on {}: {}", ctx.channel().localAddress(), String.valueOf(cause));
        }
    }
}
