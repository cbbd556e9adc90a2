package org.leasehold.options.internal;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.leasehold.api.message.DhcpMessage;
import org.leasehold.api.message.DhcpOption;
import org.leasehold.api.message.DhcpOptions;
import org.leasehold.api.pipeline.PacketContext;
import org.leasehold.api.pipeline.PacketHandler;
import org.leasehold.api.pipeline.Verdict;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds the configured user-defined options (spec §3.1.1.4: numeric code and hex value) to OFFERs and
 * ACKs at RESPOND order 500. Immutable after activation; thread-safe.
 */
@Component(service = PacketHandler.class, configurationPid = UserOptionsConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = {PacketHandler.HOOK + "=RESPOND", PacketHandler.ORDER + ":Integer=500",
            PacketHandler.NAME + "=user-options"})
@Designate(ocd = UserOptionsConfig.class)
public final class UserOptionsHandler implements PacketHandler {

    private static final Logger LOG = LoggerFactory.getLogger(UserOptionsHandler.class);
    private static final Pattern KEY = Pattern.compile("option\\.(\\d+)");
    /** Codes whose meaning the server owns: pad, overload, message type, server id, agent info, end. */
    private static final Set<Integer> RESERVED = Set.of(0, 52, 53, 54, 82, 255);

    private final List<DhcpOption> options;
    private final boolean overwrite;
    private final boolean requestedOnly;

    @Activate
    public UserOptionsHandler(UserOptionsConfig config, Map<String, Object> props) {
        this.options = parse(props);
        this.overwrite = config.overwrite();
        this.requestedOnly = config.requestedOnly();
        LOG.info("User-defined options active: codes {}", options.stream().map(DhcpOption::code).toList());
    }

    /**
     * @throws IllegalArgumentException naming the PID and key of a bad entry
     */
    static List<DhcpOption> parse(Map<String, ?> props) {
        Map<Integer, DhcpOption> byCode = new TreeMap<>();
        for (Map.Entry<String, ?> e : props.entrySet()) {
            Matcher m = KEY.matcher(e.getKey());
            if (!m.matches()) {
                continue;
            }
            String where = UserOptionsConfig.PID + " " + e.getKey();
            int code = Integer.parseInt(m.group(1));
            if (code > 254 || RESERVED.contains(code)) {
                throw new IllegalArgumentException(where + ": code " + code + " cannot be user-defined");
            }
            byCode.put(code, DhcpOption.of(code, hex(String.valueOf(e.getValue()), where)));
        }
        return List.copyOf(new ArrayList<>(byCode.values()));
    }

    private static byte[] hex(String text, String where) {
        String h = text.strip();
        h = (h.startsWith("0x") || h.startsWith("0X") ? h.substring(2) : h).replaceAll("[:\\s]", "");
        try {
            return HexFormat.of().parseHex(h);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": '" + text + "' is not hex (e.g. 0a:0b or 0x0a0b)", e);
        }
    }

    @Override
    public Verdict handle(PacketContext ctx) {
        Optional<DhcpMessage> reply = Replies.configurable(ctx);
        if (reply.isEmpty()) {
            return Verdict.CONTINUE;
        }
        DhcpMessage r = reply.get();
        DhcpOptions opts = r.options();
        boolean changed = false;
        for (DhcpOption o : options) {
            if ((overwrite || !opts.contains(o.code()))
                    && (!requestedOnly || Replies.requested(ctx.request(), o.code()))) {
                opts = opts.with(o);
                changed = true;
            }
        }
        if (changed) {
            ctx.reply(r.toBuilder().options(opts).build());
        }
        return Verdict.CONTINUE;
    }
}
