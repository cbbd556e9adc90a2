package org.leasehold.failover.internal.config;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.regex.Pattern;
import org.leasehold.api.config.ConfigProblem;
import org.leasehold.api.config.ConfigStatement;
import org.leasehold.api.config.ConfigToken;
import org.leasehold.api.config.SourcePosition;

/**
 * Reads the block of one {@code failover peer "NAME" { ... }} declaration, the statements ISC dhcpd
 * 4.4 accepts there, into a {@link PeerConfig}. Anything else, a value of the wrong kind, a
 * statement written twice or two that contradict each other is a problem at its {@code file:line:column}.
 * One instance per declaration; not thread-safe.
 */
final class PeerBlockReader {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    /** The block's statement keywords, as {@link #read} names them in messages. */
    static final List<String> KEYWORDS = List.of("primary", "secondary", "address", "port", "peer address",
            "peer port", "max-response-delay", "max-unacked-updates", "mclt", "split", "hba",
            "load balance max seconds", "auto-partner-down", "max-lease-misbalance", "max-lease-ownership",
            "min-balance", "max-balance");

    private final String name;
    private final List<ConfigProblem> problems;
    private final Map<String, SourcePosition> seen = new HashMap<>();
    private Role role;
    private Inet4Address address;
    private Inet4Address peerAddress;
    private int port;
    private int peerPort;
    private int maxResponseDelay;
    private int maxUnacked;
    private int mclt;
    private Hba hba;
    /** Whether a split or hba statement was written, valid or not (no second complaint about it missing). */
    private boolean balanceWritten;
    private int lbMaxSeconds;
    private int autoPartnerDown;
    private int misbalance;
    private int ownership;
    private int minBalance;
    private int maxBalance;

    PeerBlockReader(String name, List<ConfigProblem> problems) {
        this.name = name;
        this.problems = problems;
    }

    /** The declaration, or null when it has problems (they are added to the list given). */
    PeerConfig read(ConfigStatement decl) {
        int before = problems.size();
        for (ConfigStatement s : decl.block()) {
            statement(s);
        }
        SourcePosition at = decl.position();
        if (role == null) {
            problem(at, "failover peer \"" + name + "\" needs 'primary;' or 'secondary;'");
        }
        if (peerAddress == null) {
            problem(at, "failover peer \"" + name + "\" needs 'peer address A;'");
        }
        if (role == Role.PRIMARY && hba == null && !balanceWritten) {
            problem(at, "primary failover peer \"" + name + "\" needs 'split N;' or 'hba ...;'");
        }
        if (role == Role.PRIMARY && mclt == 0) {
            problem(at, "primary failover peer \"" + name + "\" needs 'mclt SECONDS;' (not 0)");
        }
        if (role == Role.SECONDARY && hba != null) {
            problem(seen.containsKey("split") ? seen.get("split") : seen.get("hba"),
                    "a secondary may not define load balance settings (split or hba): the primary sends them");
        }
        if (problems.size() > before) {
            return null;
        }
        return new PeerConfig(name, role, address, orDefault(port, PeerConfig.DEFAULT_PORT), peerAddress,
                orDefault(peerPort, PeerConfig.DEFAULT_PORT),
                orDefault(maxResponseDelay, PeerConfig.DEFAULT_MAX_RESPONSE_DELAY),
                orDefault(maxUnacked, PeerConfig.DEFAULT_MAX_UNACKED), mclt, hba, lbMaxSeconds, autoPartnerDown,
                orDefault(misbalance, PeerConfig.DEFAULT_MAX_LEASE_MISBALANCE),
                orDefault(ownership, PeerConfig.DEFAULT_MAX_LEASE_OWNERSHIP),
                orDefault(minBalance, PeerConfig.DEFAULT_MIN_BALANCE),
                orDefault(maxBalance, PeerConfig.DEFAULT_MAX_BALANCE), at);
    }

    private static int orDefault(int v, int d) {
        return v == 0 ? d : v;
    }

    private void statement(ConfigStatement s) {
        if (s.hasBlock()) {
            problem(s.position(), "unexpected block after '" + s.keyword() + "' in failover peer \"" + name + "\"");
            return;
        }
        List<ConfigToken> a = s.arguments();
        switch (s.keyword()) {
            case "primary", "secondary" -> {
                if (noArguments(s, a) && once(s, "role")) {
                    role = s.keyword().equals("primary") ? Role.PRIMARY : Role.SECONDARY;
                }
            }
            case "address" -> address = once(s, "address") ? ipv4(s, a, 0) : address;
            case "port" -> numeric(s, a, 0, 1, 65535, "port", v -> port = v);
            case "peer" -> peer(s, a);
            case "max-response-delay" -> numeric(s, a, 0, 1, 65535, null, v -> maxResponseDelay = v);
            case "max-unacked-updates" -> numeric(s, a, 0, 1, 65535, null, v -> maxUnacked = v);
            case "mclt" -> numeric(s, a, 0, 1, Integer.MAX_VALUE, null, v -> mclt = v);
            case "split" -> split(s, a);
            case "hba" -> hba(s, a);
            case "load" -> loadBalance(s, a);
            case "auto-partner-down" -> numeric(s, a, 0, 0, Integer.MAX_VALUE, null, v -> autoPartnerDown = v);
            case "max-lease-misbalance" -> numeric(s, a, 0, 0, 100, null, v -> misbalance = v);
            case "max-lease-ownership" -> numeric(s, a, 0, 0, 100, null, v -> ownership = v);
            case "min-balance" -> numeric(s, a, 0, 0, Integer.MAX_VALUE, null, v -> minBalance = v);
            case "max-balance" -> numeric(s, a, 0, 0, Integer.MAX_VALUE, null, v -> maxBalance = v);
            default -> problem(s.position(), "unknown statement '" + s.keyword() + "' in failover peer \"" + name
                    + "\"; expected one of: " + String.join(", ", KEYWORDS));
        }
    }

    private void peer(ConfigStatement s, List<ConfigToken> a) {
        if (a.isEmpty()) {
            problem(s.position(), "expected 'peer address A;' or 'peer port N;'");
        } else if (a.get(0).is("address")) {
            if (once(s, "peer address")) {
                peerAddress = ipv4(s, a, 1);
            }
        } else if (a.get(0).is("port")) {
            numeric(s, a, 1, 1, 65535, "peer port", v -> peerPort = v);
        } else if (a.get(0).is("max-response-delay") || a.get(0).is("max-unacked-updates")) {
            // ISC accepts these and overwrites them with the partner's CONNECT; so does Leasehold
            numeric(s, a, 1, 1, 65535, null, v -> { });
        } else {
            problem(a.get(0).position(), "expected 'peer address A;' or 'peer port N;', found " + a.get(0).describe());
        }
    }

    private void split(ConfigStatement s, List<ConfigToken> a) {
        balanceWritten = true;
        if (seen.containsKey("hba")) {
            problem(s.position(), "'split' conflicts with 'hba' at " + seen.get("hba") + ": write one of them");
            return;
        }
        numeric(s, a, 0, 0, 256, "split", v -> hba = Hba.split(v));
    }

    private void hba(ConfigStatement s, List<ConfigToken> a) {
        balanceWritten = true;
        if (seen.containsKey("split")) {
            problem(s.position(), "'hba' conflicts with 'split' at " + seen.get("split") + ": write one of them");
            return;
        }
        if (a.size() != 1) {
            problem(s.position(), "expected 'hba' and 32 colon-separated hex bytes");
            return;
        }
        try {
            Hba parsed = Hba.parse(a.get(0).text());
            if (once(s, "hba")) {
                hba = parsed;
            }
        } catch (IllegalArgumentException e) {
            problem(a.get(0).position(), e.getMessage());
        }
    }

    private void loadBalance(ConfigStatement s, List<ConfigToken> a) {
        if (!s.startsWith("balance", "max") || a.size() != 4 || !(a.get(2).is("seconds") || a.get(2).is("secs"))) {
            problem(s.position(), "expected 'load balance max seconds N;'");
            return;
        }
        numeric(s, a, 3, 0, 65535, "load balance max seconds", v -> lbMaxSeconds = v);
    }

    private boolean noArguments(ConfigStatement s, List<ConfigToken> a) {
        if (!a.isEmpty()) {
            problem(a.get(0).position(), "'" + s.keyword() + "' takes no value, found " + a.get(0).describe());
            return false;
        }
        return true;
    }

    /** Records the statement {@code key}; a second one is a problem (false). */
    private boolean once(ConfigStatement s, String key) {
        SourcePosition first = seen.putIfAbsent(key, s.position());
        if (first != null) {
            problem(s.position(), key.equals("role")
                    ? "'" + s.keyword() + "' conflicts with the role given at " + first
                    : "'" + key + "' is given twice in failover peer \"" + name + "\" (first at " + first + ")");
            return false;
        }
        return true;
    }

    /**
     * Reads the number at {@code index} (the last argument) and, if it is in range and the statement
     * {@code key} (default: the keyword) was not given before, hands it to {@code set}.
     */
    private void numeric(ConfigStatement s, List<ConfigToken> a, int index, long min, long max, String key,
            IntConsumer set) {
        String k = key != null ? key : s.keyword();
        if (a.size() != index + 1) {
            problem(s.position(), "expected '" + k + " NUMBER;'");
            return;
        }
        ConfigToken t = a.get(index);
        long v = -1;
        if (t.kind() == ConfigToken.Kind.WORD && t.text().matches("\\d{1,10}")) {
            v = Long.parseLong(t.text());
        }
        if (v < min || v > max) {
            problem(t.position(), "expected a number from " + min + " to " + max + " for '" + k + "', found "
                    + t.describe());
        } else if (once(s, k)) {
            set.accept((int) v);
        }
    }

    private Inet4Address ipv4(ConfigStatement s, List<ConfigToken> a, int index) {
        if (a.size() != index + 1) {
            problem(s.position(), "expected one IPv4 address");
            return null;
        }
        ConfigToken t = a.get(index);
        if (t.kind() == ConfigToken.Kind.WORD && IPV4.matcher(t.text()).matches()) {
            try {
                InetAddress ia = InetAddress.getByName(t.text());
                if (ia instanceof Inet4Address v4 && v4.getHostAddress().equals(t.text())) {
                    return v4;
                }
            } catch (UnknownHostException e) {
                // falls through to the problem
            }
        }
        problem(t.position(), "expected an IPv4 address (host names are not resolved), found " + t.describe());
        return null;
    }

    private void problem(SourcePosition at, String message) {
        problems.add(new ConfigProblem(at, message));
    }
}
