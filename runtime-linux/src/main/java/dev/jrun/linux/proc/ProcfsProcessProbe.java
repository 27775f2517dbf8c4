package dev.jrun.linux.proc;

import dev.jrun.core.state.ProcessInfo;
import dev.jrun.core.state.ProcessProbe;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads a process's state and start time from {@code /proc/<pid>/stat}. Pure file reading, no JNA, so that
 * {@code jrun state} and {@code jrun list} can use it cheaply.
 */
public final class ProcfsProcessProbe implements ProcessProbe {
    // Field numbers as in proc(5), counting pid as 1 and comm as 2.
    private static final int STATE_FIELD = 3;
    private static final int STARTTIME_FIELD = 22;

    private final Path proc;

    public ProcfsProcessProbe() {
        this(Path.of("/proc"));
    }

    /** For reading a procfs mounted elsewhere (e.g. another pid namespace's). */
    public ProcfsProcessProbe(Path proc) {
        this.proc = proc;
    }

    @Override
    public Optional<ProcessInfo> probe(int pid) {
        if (pid <= 0) {
            return Optional.empty();
        }
        Optional<String> stat = readStat(proc.resolve(Integer.toString(pid)).resolve("stat"));
        // Not Optional.map with a method reference: a lambda costs a spun class on every `jrun state`.
        return stat.isPresent() ? Optional.of(parseStat(stat.get())) : Optional.empty();
    }

    /** The start time (field 22, clock ticks after boot) of a live process; 0 when there is no such process. */
    public static long startTimeOf(int pid) {
        Optional<ProcessInfo> info = new ProcfsProcessProbe().probe(pid);
        return info.isPresent() ? info.get().startTime() : 0L;
    }

    /** Parses the content of a stat file. */
    static ProcessInfo parseStat(String stat) {
        // comm is field 2 in parentheses and may itself contain spaces and ")", so everything before the last ")"
        // is untrustworthy; fields after it are plain space-separated tokens.
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("malformed /proc stat line: no \")\": " + stat);
        }
        // Tokenised by hand: String.split(" +") compiles a regex, ~20 classes at the start of every `jrun state`.
        char state = 0;
        long startTime = -1;
        int field = STATE_FIELD - 1;
        int i = close + 1;
        int n = stat.length();
        while (i < n && startTime < 0) {
            while (i < n && (stat.charAt(i) == ' ' || stat.charAt(i) == '\n')) {
                i++;
            }
            int start = i;
            while (i < n && stat.charAt(i) != ' ' && stat.charAt(i) != '\n') {
                i++;
            }
            if (start == i) {
                break;
            }
            field++;
            if (field == STATE_FIELD) {
                if (i - start != 1) {
                    throw new IllegalArgumentException("malformed /proc stat line: " + stat);
                }
                state = stat.charAt(start);
            } else if (field == STARTTIME_FIELD) {
                startTime = Long.parseLong(stat, start, i, 10);
            }
        }
        if (state == 0 || startTime < 0) {
            throw new IllegalArgumentException("malformed /proc stat line: " + stat);
        }
        return new ProcessInfo(state, startTime);
    }

    // A plain stream rather than Files.readAllBytes: procfs files report size 0 and readAllBytes has been seen to
    // return truncated content for them on this JDK.
    private static Optional<String> readStat(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1024];
            int len = 0;
            int n;
            while ((n = in.read(buf, len, buf.length - len)) > 0) {
                len += n;
                if (len == buf.length) {
                    buf = java.util.Arrays.copyOf(buf, buf.length * 2);
                }
            }
            return Optional.of(new String(buf, 0, len, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            // ESRCH shows up as a plain IOException when the process exits between open and read.
            if (Files.notExists(file)) {
                return Optional.empty();
            }
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
