package org.leasehold.manager.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * The answers of docs/manager-protocol.md on one connection: {@code OK}, {@code ERR CODE text} and a
 * fetch's {@code LEASES n} frames. Not thread-safe (the connection's thread only).
 */
final class Reply {

    private final OutputStream out;

    Reply(OutputStream out) {
        this.out = out;
    }

    void frame(CharSequence text) throws IOException {
        Frames.write(out, text);
    }

    /** {@code OK text}, then one line per entry. */
    void ok(String text, Map<String, String> lines) throws IOException {
        StringBuilder b = new StringBuilder("OK");
        if (!text.isEmpty()) {
            b.append(' ').append(text);
        }
        b.append('\n');
        lines.forEach((k, v) -> b.append(k).append('=').append(v.replace('\n', ' ')).append('\n'));
        frame(b);
    }

    void ok(String text) throws IOException {
        ok(text, Map.of());
    }

    /** {@code ERR code text}, then the detail lines. */
    void error(String code, String text, List<String> details) throws IOException {
        StringBuilder b = new StringBuilder("ERR ").append(code).append(' ').append(text.replace('\n', ' ')).append('\n');
        details.forEach(d -> b.append(d.replace('\n', ' ')).append('\n'));
        frame(b);
    }

    void error(String code, String text) throws IOException {
        error(code, text, List.of());
    }
}
