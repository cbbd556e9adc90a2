package org.leasehold.itests.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs external commands with a bounded wait and captures their output. */
public final class Commands {

    private Commands() {
    }

    /** Exit code and combined stdout+stderr of one command. */
    public record Result(List<String> command, int exitCode, String output) {
        public Result assertSuccess() {
            if (exitCode != 0) {
                throw new AssertionError(String.join(" ", command) + " exited " + exitCode + ":\n" + output);
            }
            return this;
        }
    }

    public static Result run(Duration timeout, String... command) throws IOException, InterruptedException {
        return runWithInput(timeout, null, List.of(command));
    }

    public static Result run(Duration timeout, List<String> command) throws IOException, InterruptedException {
        return runWithInput(timeout, null, command);
    }

    public static Result runWithInput(Duration timeout, String input, List<String> command)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("leasehold-cmd", ".out");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
            if (input == null) {
                pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            }
            Process p = pb.start();
            if (input != null) {
                try (var stdin = p.getOutputStream()) {
                    stdin.write(input.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor();
                return new Result(command, -1, Files.readString(out) + "\n[timed out after " + timeout + "]");
            }
            return new Result(command, p.exitValue(), Files.readString(out));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** True when {@code name} is an executable on the PATH. */
    public static boolean onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, name))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin", name)) || Files.isExecutable(Path.of("/sbin", name));
    }
}
