package org.leasehold.core.internal.config;

import java.io.IOException;
import org.leasehold.core.internal.syntax.Lexer;
import org.leasehold.core.internal.syntax.TokenStream;
import org.leasehold.core.internal.syntax.SourcePos;
import org.leasehold.core.internal.syntax.ConfigException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Entry point: reads an ISC dhcpd.conf (with its includes) into a validated {@link DhcpConfig}.
 * Throws {@link ConfigException} and nothing else, whatever the input. Stateless and thread-safe.
 */
public final class ConfigParser {

    private ConfigParser() {
    }

    /** Parses a file with the standard option definitions; includes resolve against its directory. */
    public static DhcpConfig parse(Path file) throws ConfigException {
        return parse(file, OptionResolvers.standard());
    }

    public static DhcpConfig parse(Path file, OptionResolver options) throws ConfigException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(new SourcePos(file.toString(), 1, 1), "expected a readable configuration file ("
                    + e + ")");
        }
        Path dir = file.toAbsolutePath().getParent();
        return parse(file.toString(), text, options, dir == null ? Path.of(".") : dir);
    }

    /** Parses text named {@code name} (used in positions); includes resolve against {@code baseDir}. */
    public static DhcpConfig parse(String name, String text, OptionResolver options, Path baseDir)
            throws ConfigException {
        ParseState state = new ParseState(options, baseDir);
        ScopeBuilder global = new ScopeBuilder(ScopeBuilder.Kind.GLOBAL, null, new SourcePos(name, 1, 1), null);
        try {
            TokenStream in = new TokenStream(new Lexer(name, text).tokens(), text);
            new StatementParser(in, state).statements(global, true);
            DhcpConfig config = new ConfigAssembler(state).assemble(global);
            ConfigValidator.validate(config);
            return config;
        } catch (RuntimeException e) {
            // A defect in the reader must still surface as a configuration failure, never crash the caller.
            throw new ConfigException(global.pos, "could not read the configuration: " + e);
        }
    }

    /** Parses text with the standard option definitions and no includes relative to a file. */
    public static DhcpConfig parse(String name, String text) throws ConfigException {
        return parse(name, text, OptionResolvers.standard(), Path.of("."));
    }
}
