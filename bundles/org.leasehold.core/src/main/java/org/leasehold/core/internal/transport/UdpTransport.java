package org.leasehold.core.internal.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UDP sockets the server listens on: epoll when the native transport loads, NIO otherwise.
 * Not thread-safe; owned by one component's activate/deactivate.
 */
public final class UdpTransport implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UdpTransport.class);

    private final EventLoopGroup group;
    private final boolean epoll;
    private final List<Channel> channels = new ArrayList<>();

    public UdpTransport(int threads) {
        this.epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.group = new MultiThreadIoEventLoopGroup(Math.max(1, threads), io);
    }

    /** Binds one socket per address; broadcast reception on. Blocks until bound. */
    public void bind(List<InetSocketAddress> addresses, ChannelHandler handler) throws InterruptedException {
        for (InetSocketAddress address : addresses) {
            Bootstrap b = new Bootstrap()
                    .group(group)
                    .channel(epoll ? EpollDatagramChannel.class : NioDatagramChannel.class)
                    .option(ChannelOption.SO_BROADCAST, true)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .option(ChannelOption.SO_RCVBUF, 4 * 1024 * 1024)
                    .handler(handler);
            Channel ch = b.bind(address).sync().channel();
            channels.add(ch);
            LOG.info("Listening for DHCP on {}/udp ({})", address, epoll ? "epoll" : "nio");
        }
    }

    public List<Channel> channels() {
        return List.copyOf(channels);
    }

    public boolean epoll() {
        return epoll;
    }

    @Override
    public void close() {
        for (Channel ch : channels) {
            ch.close().syncUninterruptibly();
        }
        channels.clear();
        group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
