package org.leasehold.core.internal.transport;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replies of one socket, flushed in batches: those written while a batch of datagrams is read
 * leave together when the read completes ({@link #readStarted}, {@link #readComplete}), and those
 * written by tasks (lease commits completing) with one flush queued behind them, so the kernel gets
 * one sendmmsg instead of a sendmsg each. Event-loop confined; a send from another thread hops onto
 * the loop.
 */
final class BatchedSender {

    private static final Logger LOG = LoggerFactory.getLogger(BatchedSender.class);

    private final Channel ch;
    private final int maxBatch;
    private final ChannelFutureListener counter;
    private boolean reading;
    private boolean flushQueued;
    private int unflushed;

    BatchedSender(Channel ch, int maxBatch, SocketCounters count) {
        this.ch = ch;
        this.maxBatch = maxBatch;
        this.counter = f -> {
            if (f.isSuccess()) {
                count.sent.increment();
            } else {
                count.sendFailures.increment();
                LOG.debug("Send from {} failed: {}", ch.localAddress(), String.valueOf(f.cause()));
            }
        };
    }

    void send(byte[] payload, InetSocketAddress to) {
        if (!ch.eventLoop().inEventLoop()) {
            ch.eventLoop().execute(() -> send(payload, to));
            return;
        }
        ch.write(new DatagramPacket(Unpooled.wrappedBuffer(payload), to)).addListener(counter);
        if (++unflushed >= maxBatch) {
            flush();
        } else if (!reading && !flushQueued) {
            flushQueued = true;
            ch.eventLoop().execute(this::flush);
        }
    }

    /** A batch of datagrams is being read: replies written meanwhile wait for {@link #readComplete}. */
    void readStarted() {
        reading = true;
    }

    void readComplete() {
        reading = false;
        flush();
    }

    private void flush() {
        flushQueued = false;
        if (unflushed > 0) {
            unflushed = 0;
            ch.flush();
        }
    }
}
