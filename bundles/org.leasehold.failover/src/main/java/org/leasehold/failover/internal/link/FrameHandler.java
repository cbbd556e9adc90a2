package org.leasehold.failover.internal.link;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import org.leasehold.api.codec.DecodeException;
import org.leasehold.failover.internal.wire.FailoverCodec;
import org.leasehold.failover.internal.wire.FailoverMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cuts the TCP stream into failover messages (each starts with its 16-bit length, 12 to 2048 bytes),
 * decodes them and hands them to the {@link LinkListener}. A message that cannot be decoded is
 * logged and the connection is reset (SO_LINGER 0, so the partner sees an RST): nothing after a
 * framing error can be trusted. One instance per channel; runs on the channel's event loop.
 */
final class FrameHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(FrameHandler.class);

    private final LinkListener listener;
    private final String peer;
    private ByteBuf pending;

    FrameHandler(LinkListener listener, String peer) {
        this.listener = listener;
        this.peer = peer;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        listener.opened(ctx.channel());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        release();
        listener.closed(ctx.channel());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        if (pending == null) {
            pending = ctx.alloc().buffer(Math.max(256, in.readableBytes()));
        }
        pending.writeBytes(in);
        in.release();
        while (ctx.channel().isOpen() && pending.readableBytes() >= 2) {
            int length = pending.getUnsignedShort(pending.readerIndex());
            if (length < FailoverCodec.MIN_LENGTH || length > FailoverCodec.MAX_LENGTH) {
                reset(ctx, new DecodeException(0, "message length " + length + " outside 12..2048"));
                return;
            }
            if (pending.readableBytes() < length) {
                break;
            }
            byte[] frame = new byte[length];
            pending.readBytes(frame);
            FailoverMessage m;
            try {
                m = FailoverCodec.decode(frame);
            } catch (DecodeException e) {
                reset(ctx, e);
                return;
            }
            listener.received(ctx.channel(), m);
        }
        pending.discardReadBytes();
    }

    private void reset(ChannelHandlerContext ctx, DecodeException e) {
        LOG.warn("failover peer {}: malformed message from {} ({}); resetting the connection", peer,
                ctx.channel().remoteAddress(), e.getMessage());
        listener.malformed(ctx.channel(), e);
        ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
        ctx.close();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.warn("failover peer {}: connection {} failed: {}", peer, ctx.channel().remoteAddress(),
                String.valueOf(cause));
        ctx.close();
    }

    private void release() {
        if (pending != null) {
            pending.release();
            pending = null;
        }
    }
}
