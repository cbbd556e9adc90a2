package org.leasehold.api.codec;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** The captured packets under src/test/resources/vectors (copied from the project's shared vectors). */
public final class Vectors {
    /** One captured packet: its file, frame number, UDP payload and the capture's decoded fields. */
    public record Vector(String file, int frame, byte[] bytes, JsonObject json) {
        public JsonObject fields() {
            return json.getAsJsonObject("fields");
        }

        @Override
        public String toString() {
            return file.replace(".jsonl", "") + "#" + frame;
        }
    }

    private Vectors() {
    }

    public static List<String> files() {
        return lines("/vectors/index.txt");
    }

    public static List<Vector> all() {
        List<Vector> out = new ArrayList<>();
        for (String f : files()) {
            out.addAll(load(f));
        }
        return out;
    }

    public static List<Vector> load(String file) {
        List<Vector> out = new ArrayList<>();
        for (String line : lines("/vectors/" + file)) {
            JsonObject o = JsonParser.parseString(line).getAsJsonObject();
            out.add(new Vector(file, o.get("frame").getAsInt(), HexFormat.of().parseHex(o.get("hex").getAsString()), o));
        }
        return out;
    }

    /** The packet of {@code file} (name prefix) and frame. */
    public static byte[] packet(String filePrefix, int frame) {
        for (String f : files()) {
            if (f.startsWith(filePrefix)) {
                for (Vector v : load(f)) {
                    if (v.frame() == frame) {
                        return v.bytes();
                    }
                }
            }
        }
        throw new IllegalArgumentException("no vector " + filePrefix + "#" + frame);
    }

    private static List<String> lines(String resource) {
        try (InputStream in = Vectors.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String> out = new ArrayList<>();
            for (String l = r.readLine(); l != null; l = r.readLine()) {
                if (!l.isBlank()) {
                    out.add(l.trim());
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
