package org.leasehold.manager.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One command frame: {@code COMMAND name=value ...} on the first line, the rest of the frame its body
 * (the dhcpd.conf text of a reconfigure). Values are percent-encoded ({@link Text}). Immutable.
 *
 * @param command the command word, lower case
 * @param args    the arguments in the order given
 * @param body    everything after the first line feed, {@code ""} when none
 */
record Request(String command, Map<String, String> args, String body) {

    private static final Pattern WORD = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    Request {
        args = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(args));
    }

    /** Parses a frame's text; a malformed first line is a protocol error (the connection closes). */
    static Request parse(String frame) throws FrameException {
        int nl = frame.indexOf('\n');
        String line = nl < 0 ? frame : frame.substring(0, nl);
        String body = nl < 0 ? "" : frame.substring(nl + 1);
        if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1);
        }
        if (line.length() > 4096) {
            throw new FrameException("command line longer than 4096 characters");
        }
        String[] tokens = line.trim().split(" +");
        if (!WORD.matcher(tokens[0]).matches()) {
            throw new FrameException("not a command word: '" + Text.printable(tokens[0]) + "'");
        }
        Map<String, String> args = new LinkedHashMap<>();
        for (int i = 1; i < tokens.length; i++) {
            int eq = tokens[i].indexOf('=');
            String name = eq < 0 ? tokens[i] : tokens[i].substring(0, eq);
            if (!WORD.matcher(name).matches()) {
                throw new FrameException("not an argument name: '" + Text.printable(name) + "'");
            }
            if (args.put(name, eq < 0 ? "" : Text.decode(tokens[i].substring(eq + 1))) != null) {
                throw new FrameException("argument '" + name + "' given twice");
            }
        }
        return new Request(tokens[0], args, body);
    }

    /** The argument's value, or null when not given. */
    String arg(String name) {
        return args.get(name);
    }
}
