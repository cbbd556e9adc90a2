package org.leasehold.api.option;

import java.util.ArrayList;
import java.util.List;
import org.leasehold.api.message.OptionCode;

/** The standard definitions: codes, ISC dhcpd names (from {@link OptionCode}) and types. */
final class StandardOptions {
    private static final String IP = "ip-address";
    private static final String IPS = "array of ip-address";
    private static final String U8 = "unsigned integer 8";
    private static final String U16 = "unsigned integer 16";
    private static final String U32 = "unsigned integer 32";
    private static final String BOOL = "boolean";
    private static final String TEXT = "text";
    private static final String STRING = "string";
    private static final String PAIRS = "array of { ip-address, ip-address }";

    private StandardOptions() {
    }

    static List<OptionDefinition> definitions() {
        List<OptionDefinition> defs = new ArrayList<>();
        String[] dhcp = {
            "0", "zerolen", "1", IP, "2", "signed integer 32", "3", IPS, "4", IPS, "5", IPS, "6", IPS, "7", IPS,
            "8", IPS, "9", IPS, "10", IPS, "11", IPS, "12", TEXT, "13", U16, "14", TEXT, "15", TEXT, "16", IP,
            "17", TEXT, "18", TEXT, "19", BOOL, "20", BOOL, "21", PAIRS, "22", U16, "23", U8, "24", U32,
            "25", "array of unsigned integer 16", "26", U16, "27", BOOL, "28", IP, "29", BOOL, "30", BOOL,
            "31", BOOL, "32", IP, "33", PAIRS, "34", BOOL, "35", U32, "36", BOOL, "37", U8, "38", U32,
            "39", BOOL, "40", TEXT, "41", IPS, "42", IPS, "43", STRING, "44", IPS, "45", IPS, "46", U8,
            "47", TEXT, "48", IPS, "49", IPS, "50", IP, "51", U32, "52", U8, "53", U8, "54", IP,
            "55", "array of unsigned integer 8", "56", TEXT, "57", U16, "58", U32, "59", U32, "60", STRING,
            "61", STRING, "62", TEXT, "63", "encapsulate nwip", "64", TEXT, "65", IPS, "66", TEXT, "67", TEXT,
            "68", IPS, "69", IPS, "70", IPS, "71", IPS, "72", IPS, "73", IPS, "74", IPS, "75", IPS, "76", IPS,
            "77", "user-class", "78", "{ boolean, array of ip-address }", "79", "{ boolean, text }",
            "80", "zerolen", "81", "client-fqdn", "82", "encapsulate agent", "85", IPS, "86", TEXT, "87", TEXT,
            "88", "domain-list", "89", IPS, "90", "authentication", "91", U32, "92", IPS,
            "93", "array of unsigned integer 16", "94", "{ unsigned integer 8, unsigned integer 8, unsigned integer 8 }",
            "97", "{ unsigned integer 8, string }", "98", TEXT, "99", STRING, "100", TEXT, "101", TEXT,
            "108", U32, "112", IPS, "113", TEXT, "114", TEXT, "116", U8, "117", "array of unsigned integer 16", "118", IP,
            "119", "domain-list compressed", "120", "sip-servers", "121", "classless-static-routes",
            "124", "vendor-identifying-class", "125", "vendor-identifying-options", "136", IPS, "137", "domain-name",
            "138", IPS, "141", "domain-list compressed", "142", IPS, "145", "array of unsigned integer 8",
            "146", "{ unsigned integer 8, ip-address, ip-address, domain-list }", "150", IPS,
            "159", "{ unsigned integer 8, unsigned integer 8, unsigned integer 16 }", "160", TEXT,
            "212", "{ unsigned integer 8, unsigned integer 8, ip6-address, array of ip-address }",
            "208", STRING, "209", TEXT, "210", TEXT, "211", U32, "213", "domain-name", "255", "zerolen"};
        for (int i = 0; i < dhcp.length; i += 2) {
            int code = Integer.parseInt(dhcp[i]);
            defs.add(def(OptionDefinition.DHCP, code, OptionCode.valueOf(code).name(), dhcp[i + 1]));
        }
        addSpace(defs, OptionDefinition.AGENT, new String[] {
            "1", "circuit-id", STRING, "2", "remote-id", STRING, "3", "agent-id", IP,
            "4", "DOCSIS-device-class", U32, "5", "link-selection", IP, "6", "subscriber-id", TEXT,
            "11", "server-id-override", IP});
        addSpace(defs, "fqdn", new String[] {
            "1", "no-client-update", BOOL, "2", "server-update", BOOL, "3", "encoded", BOOL, "4", "rcode1", U8,
            "5", "rcode2", U8, "6", "hostname", TEXT, "7", "domainname", TEXT, "8", "fqdn", TEXT});
        addSpace(defs, "nwip", new String[] {
            "1", "nwip-does-not-exist", "zerolen", "2", "nwip-exists-in-options-area", "zerolen",
            "3", "nwip-exists-in-sname-file", "zerolen", "4", "nwip-exists-but-too-big", "zerolen",
            "5", "nsq-broadcast", BOOL, "6", "preferred-dss", IPS, "7", "nearest-nwip-server", IPS,
            "8", "autoretries", U8, "9", "autoretry-secs", U8, "10", "nwip-1-1", BOOL, "11", "primary-dss", IP});
        return defs;
    }

    private static void addSpace(List<OptionDefinition> defs, String space, String[] table) {
        for (int i = 0; i < table.length; i += 3) {
            defs.add(def(space, Integer.parseInt(table[i]), table[i + 1], table[i + 2]));
        }
    }

    private static OptionDefinition def(String space, int code, String name, String type) {
        return new OptionDefinition(space, code, name, OptionType.parse(type));
    }
}
