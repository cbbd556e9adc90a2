package org.leasehold.options.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.leasehold.api.codec.DecodeException;
import org.leasehold.api.codec.DhcpCodec;
import org.leasehold.api.message.DhcpMessage;
import org.leasehold.api.message.DhcpOption;
import org.leasehold.api.message.MessageType;
import org.leasehold.api.pipeline.PacketContext;

/** Real packets from src/test/resources and the replies an engine would have built for them. */
final class Packets {

    private Packets() {
    }

    static DhcpMessage resource(String name) {
        try (InputStream in = Packets.class.getResourceAsStream("/" + name)) {
            String hex = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
            return DhcpCodec.decode(HexFormat.of().parseHex(hex));
        } catch (IOException | DecodeException e) {
            throw new IllegalStateException(name, e);
        }
    }

    static DhcpMessage with(DhcpMessage m, DhcpOption o) {
        return m.toBuilder().options(m.options().with(o)).build();
    }

    /** A context at RESPOND: the request, and a reply of {@code type} built from it. */
    static PacketContext responding(DhcpMessage request, String source, MessageType type) {
        PacketContext ctx = PacketContext.of(request, new InetSocketAddress(source, 67));
        ctx.reply(request.toBuilder().op(2).options(org.leasehold.api.message.DhcpOptions.empty())
                .messageType(type).build());
        return ctx;
    }

    static byte[] reply(PacketContext ctx, int code) {
        return ctx.reply().orElseThrow().options().bytes(code).orElse(null);
    }

    static UserOptionsConfig userOptions(boolean overwrite, boolean requestedOnly) {
        return new UserOptionsConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return UserOptionsConfig.class;
            }

            @Override
            public boolean overwrite() {
                return overwrite;
            }

            @Override
            public boolean requestedOnly() {
                return requestedOnly;
            }
        };
    }

    static UserIdConfig userId(int option) {
        return new UserIdConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return UserIdConfig.class;
            }

            @Override
            public int option() {
                return option;
            }
        };
    }

    static PcscfConfig pcscf(boolean informOnly) {
        return new PcscfConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return PcscfConfig.class;
            }

            @Override
            public boolean informOnly() {
                return informOnly;
            }
        };
    }
}
