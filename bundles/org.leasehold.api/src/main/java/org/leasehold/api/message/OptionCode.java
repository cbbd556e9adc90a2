package org.leasehold.api.message;

/**
 * A DHCPv4 option code (0-255) with its ISC dhcpd name. Open value type: codes without a standard
 * name are kept and named {@code option-NNN}, so unknown options survive a decode/encode round trip.
 * Immutable; instances for all 256 codes are shared.
 */
public final class OptionCode extends OctetCode implements Comparable<OptionCode> {
    private static final OptionCode[] ALL = new OptionCode[256];

    static {
        String[] names = OptionNames.standardNames();
        for (int i = 0; i < 256; i++) {
            ALL[i] = new OptionCode(i, names[i] != null ? names[i] : "option-" + i);
        }
    }

    public static final OptionCode PAD = ALL[0];
    public static final OptionCode SUBNET_MASK = ALL[1];
    public static final OptionCode TIME_OFFSET = ALL[2];
    public static final OptionCode ROUTERS = ALL[3];
    public static final OptionCode DOMAIN_NAME_SERVERS = ALL[6];
    public static final OptionCode HOST_NAME = ALL[12];
    public static final OptionCode DOMAIN_NAME = ALL[15];
    public static final OptionCode BROADCAST_ADDRESS = ALL[28];
    public static final OptionCode STATIC_ROUTES = ALL[33];
    public static final OptionCode NTP_SERVERS = ALL[42];
    public static final OptionCode VENDOR_ENCAPSULATED_OPTIONS = ALL[43];
    public static final OptionCode NWIP_SUBOPTIONS = ALL[63];
    public static final OptionCode TFTP_SERVER_NAME = ALL[66];
    public static final OptionCode BOOTFILE_NAME = ALL[67];
    public static final OptionCode REQUESTED_ADDRESS = ALL[50];
    public static final OptionCode LEASE_TIME = ALL[51];
    public static final OptionCode OPTION_OVERLOAD = ALL[52];
    public static final OptionCode MESSAGE_TYPE = ALL[53];
    public static final OptionCode SERVER_IDENTIFIER = ALL[54];
    public static final OptionCode PARAMETER_REQUEST_LIST = ALL[55];
    public static final OptionCode MESSAGE = ALL[56];
    public static final OptionCode MAX_MESSAGE_SIZE = ALL[57];
    public static final OptionCode RENEWAL_TIME = ALL[58];
    public static final OptionCode REBINDING_TIME = ALL[59];
    public static final OptionCode VENDOR_CLASS_IDENTIFIER = ALL[60];
    public static final OptionCode CLIENT_IDENTIFIER = ALL[61];
    public static final OptionCode USER_CLASS = ALL[77];
    public static final OptionCode SLP_DIRECTORY_AGENT = ALL[78];
    public static final OptionCode SLP_SERVICE_SCOPE = ALL[79];
    public static final OptionCode RAPID_COMMIT = ALL[80];
    public static final OptionCode FQDN = ALL[81];
    public static final OptionCode RELAY_AGENT_INFORMATION = ALL[82];
    public static final OptionCode NDS_SERVERS = ALL[85];
    public static final OptionCode NDS_TREE_NAME = ALL[86];
    public static final OptionCode NDS_CONTEXT = ALL[87];
    public static final OptionCode AUTHENTICATE = ALL[90];
    public static final OptionCode UAP_SERVERS = ALL[98];
    public static final OptionCode SUBNET_SELECTION = ALL[118];
    public static final OptionCode DOMAIN_SEARCH = ALL[119];
    public static final OptionCode SIP_SERVERS = ALL[120];
    public static final OptionCode CLASSLESS_STATIC_ROUTES = ALL[121];
    public static final OptionCode VIVCO = ALL[124];
    public static final OptionCode VIVSO = ALL[125];
    public static final OptionCode END = ALL[255];

    private OptionCode(int code, String name) {
        super(code, name);
    }

    /** The shared instance for {@code code}; throws IllegalArgumentException outside 0-255. */
    public static OptionCode valueOf(int code) {
        return ALL[checkOctet(code, "option code")];
    }

    @Override
    public int compareTo(OptionCode o) {
        return Integer.compare(code(), o.code());
    }
}
