package org.leasehold.failover.internal.link;

import io.netty.channel.Channel;
import org.leasehold.api.codec.DecodeException;
import org.leasehold.failover.internal.wire.FailoverMessage;

/** What a failover connection reports; called on the connection's event loop. */
public interface LinkListener {

    void opened(Channel ch);

    void received(Channel ch, FailoverMessage m);

    /** A message could not be decoded; the connection is being reset. */
    void malformed(Channel ch, DecodeException e);

    void closed(Channel ch);
}
