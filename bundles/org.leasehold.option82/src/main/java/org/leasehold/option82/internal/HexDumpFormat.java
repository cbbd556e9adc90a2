package org.leasehold.option82.internal;

import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.leasehold.option82.Option82Parser;

/** Built-in input format {@code hex}: the whole sub-option as lower-case hex in the field {@code hex}. */
final class HexDumpFormat implements Option82Parser {

    static final HexDumpFormat INSTANCE = new HexDumpFormat();

    private HexDumpFormat() {
    }

    @Override
    public String format() {
        return "hex";
    }

    @Override
    public Optional<Map<String, String>> parse(byte[] value) {
        return Optional.of(Map.of("hex", HexFormat.of().formatHex(value)));
    }
}
