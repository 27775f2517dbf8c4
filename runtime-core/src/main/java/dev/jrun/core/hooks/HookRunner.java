package dev.jrun.core.hooks;

import dev.jrun.core.spec.Hooks.Hook;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs OCI hooks as runtime-spec config.md describes them: {@code path} is executed with {@code args} and, when
 * given, exactly {@code env} (without it the hook inherits jrun's environment, as runc's do); the container's state
 * JSON arrives on stdin; {@code timeout} seconds bound it, after which it is killed.
 *
 * <p>The JDK cannot set argv[0] apart from the program path, so the hook sees {@code path} as argv[0] and
 * {@code args[1..]} as its arguments: {@code args[0]} is never passed as an argument. A multi-call binary that
 * dispatches on argv[0] (busybox) must therefore be named by the path of its link, not by the binary.
 *
 * <p>Output goes to temporary files, not pipes: a hook that leaves a background process holding its stdout open
 * must not hang jrun. Both are shown in the error when the hook fails, as runc shows them.
 */
public final class HookRunner {
    /** How much of a failed hook's stdout and stderr the error message quotes. */
    static final int OUTPUT_LIMIT = 4096;

    private final Path workDir;

    /** Hooks run in {@code workDir} (runc runs them in the bundle directory); null: jrun's working directory. */
    public HookRunner(Path workDir) {
        this.workDir = workDir;
    }

    /** Runs the hooks in order and stops at the first failure, which is thrown (prestart, createRuntime). */
    public void runAll(HookKind kind, List<Hook> hooks, String stateJson) {
        for (int i = 0; i < hooks.size(); i++) {
            run(kind, i, hooks.get(i), stateJson);
        }
    }

    /**
     * Runs every hook even when some fail, and returns the failures (poststart, poststop: the spec says a failure
     * there is a warning and the remaining hooks still run).
     */
    public List<HookException> runAllCollectingFailures(HookKind kind, List<Hook> hooks, String stateJson) {
        List<HookException> failures = new ArrayList<>();
        for (int i = 0; i < hooks.size(); i++) {
            try {
                run(kind, i, hooks.get(i), stateJson);
            } catch (HookException e) {
                failures.add(e);
            }
        }
        return failures;
    }

    /** Runs one hook to completion; throws {@link HookException} unless it exits 0 within its timeout. */
    public void run(HookKind kind, int index, Hook hook, String stateJson) {
        List<String> command = new ArrayList<>();
        command.add(hook.path());
        List<String> args = hook.args();
        if (args != null && args.size() > 1) {
            command.addAll(args.subList(1, args.size()));
        }
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("jrun-hook", ".out");
            err = Files.createTempFile("jrun-hook", ".err");
            ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            if (workDir != null && Files.isDirectory(workDir)) {
                pb.directory(workDir.toFile());
            }
            if (hook.env() != null) {
                Map<String, String> env = pb.environment();
                env.clear();
                for (String entry : hook.env()) {
                    int eq = entry.indexOf('=');
                    if (eq > 0) {
                        env.put(entry.substring(0, eq), entry.substring(eq + 1));
                    }
                }
            }
            java.lang.Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                throw new HookException(kind, index, hook.path(), "fork/exec " + hook.path() + ": "
                        + startFailure(e), e);
            }
            feed(p, stateJson);
            int code = waitFor(p, hook.timeout(), kind, index, hook.path());
            if (code != 0) {
                throw new HookException(kind, index, hook.path(), "exit status " + code + ", stdout: " + excerpt(out)
                        + ", stderr: " + excerpt(err), null);
            }
        } catch (IOException e) {
            throw new HookException(kind, index, hook.path(), "cannot capture its output: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HookException(kind, index, hook.path(), "interrupted while waiting for it", e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    /**
     * Writes the state on the hook's stdin from another thread: a hook that never reads must neither block jrun
     * (a full pipe) nor fail (EPIPE when it exits first; the JVM ignores SIGPIPE, so that is an IOException here).
     */
    private static void feed(java.lang.Process p, String stateJson) {
        byte[] bytes = stateJson.getBytes(StandardCharsets.UTF_8);
        Thread writer = new Thread(new Runnable() {
            @Override
            public void run() {
                try (OutputStream in = p.getOutputStream()) {
                    in.write(bytes);
                } catch (IOException e) {
                    // the hook did not read its stdin, which the spec allows
                }
            }
        }, "hook-stdin");
        writer.setDaemon(true);
        writer.start();
    }

    private static int waitFor(java.lang.Process p, Integer timeoutSeconds, HookKind kind, int index, String path)
            throws InterruptedException {
        if (timeoutSeconds == null || timeoutSeconds <= 0) {
            return p.waitFor();
        }
        if (p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            return p.exitValue();
        }
        p.destroyForcibly();
        p.waitFor();
        throw new HookException(kind, index, path, String.format(Locale.ROOT,
                "hook ran past specified timeout of %.1fs (killed)", (double) timeoutSeconds), null);
    }

    /**
     * The JDK says "Cannot run program "x": error=2, No such file or directory" or (jspawnhelper) "... Exec failed,
     * error: 2 (No such file or directory)"; say it as Go does: "no such file or directory".
     */
    static String startFailure(IOException e) {
        String m = String.valueOf(e.getMessage()).strip();
        String text = null;
        int at = m.indexOf("error=");
        if (at >= 0 && m.indexOf(", ", at) > 0) {
            text = m.substring(m.indexOf(", ", at) + 2);
        } else if ((at = m.indexOf("error: ")) >= 0 && m.indexOf('(', at) > 0 && m.endsWith(")")) {
            text = m.substring(m.indexOf('(', at) + 1, m.length() - 1);
        }
        if (text == null || text.isEmpty()) {
            return m;
        }
        return Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }

    private static String excerpt(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, 0, Math.min(bytes.length, OUTPUT_LIMIT), StandardCharsets.UTF_8).strip();
        return bytes.length > OUTPUT_LIMIT ? text + "... (" + bytes.length + " bytes)" : text;
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover temp file is not worth failing a hook over
        }
    }
}
