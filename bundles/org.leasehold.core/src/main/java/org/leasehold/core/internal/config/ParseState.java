package org.leasehold.core.internal.config;

import java.nio.file.Path;
import org.leasehold.core.internal.syntax.SourcePos;
import org.leasehold.core.internal.syntax.ConfigWarning;
import java.util.ArrayList;
import java.util.List;

/** What a parse accumulates across included files. Mutable; one per parse. */
final class ParseState {

    final List<ConfigWarning> warnings = new ArrayList<>();
    final List<ScopeBuilder> subnets = new ArrayList<>();
    final List<ScopeBuilder> sharedNetworks = new ArrayList<>();
    final List<ScopeBuilder> hosts = new ArrayList<>();
    final List<ScopeBuilder> classes = new ArrayList<>();
    final List<ScopeBuilder> subclasses = new ArrayList<>();
    /** Capability statements outside conditionals, in file order (includes expanded in place). */
    final List<Captured> captured = new ArrayList<>();
    final Path baseDir;
    OptionResolver options;
    int includeDepth;

    ParseState(OptionResolver options, Path baseDir) {
        this.options = options;
        this.baseDir = baseDir;
    }

    /** A capability statement and the scope it was written in. */
    record Captured(ScopeBuilder scope, org.leasehold.api.config.ConfigStatement statement) {
    }

    void warn(SourcePos pos, String statement, String message) {
        warnings.add(new ConfigWarning(pos, statement, message));
    }

    void unimplemented(SourcePos pos, String statement) {
        warn(pos, statement, StatementOwners.message(statement));
    }
}
