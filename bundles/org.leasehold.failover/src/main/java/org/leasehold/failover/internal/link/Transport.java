package org.leasehold.failover.internal.link;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.leasehold.failover.internal.wire.FailoverCodec;
import org.leasehold.failover.internal.wire.FailoverMessage;

/**
 * The failover bundle's TCP: one small NIO event loop group of its own (never the DHCP server's), a
 * listener per relationship and outgoing connections. Every relationship lives on one event loop of
 * this group, so its state needs no lock. Thread-safe.
 */
public final class Transport implements AutoCloseable {

    private static final int CONNECT_TIMEOUT_MS = 5000;

    private final EventLoopGroup group;

    public Transport(int threads) {
        group = new MultiThreadIoEventLoopGroup(threads, runnable -> {
            Thread t = new Thread(runnable, "leasehold-failover");
            t.setDaemon(true);
            return t;
        }, NioIoHandler.newFactory());
    }

    /** An event loop for one relationship. */
    public EventLoop loop() {
        return group.next();
    }

    public ChannelFuture listen(EventLoop loop, InetSocketAddress at, LinkListener listener, String peer) {
        return new ServerBootstrap().group(loop, loop).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(initializer(listener, peer)).bind(at);
    }

    public ChannelFuture connect(EventLoop loop, InetSocketAddress local, InetSocketAddress remote,
            LinkListener listener, String peer) {
        Bootstrap b = new Bootstrap().group(loop).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true).option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MS)
                .handler(initializer(listener, peer));
        return local == null ? b.connect(remote) : b.connect(remote, local);
    }

    /** Writes one message; the caller is on the channel's loop or not, Netty queues either way. */
    public static ChannelFuture send(Channel ch, FailoverMessage m) {
        return ch.writeAndFlush(Unpooled.wrappedBuffer(FailoverCodec.encode(m)));
    }

    private static ChannelInitializer<SocketChannel> initializer(LinkListener listener, String peer) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast(new FrameHandler(listener, peer));
            }
        };
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }
}
