package dev.jrun.linux.cgroup;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What both managers do to cgroup directories: list their processes, remove the ones jrun made. */
public final class CgroupDirs {
    private static final long REMOVE_WAIT_MILLIS = 1000;

    private CgroupDirs() {}

    /** The directories from the nearest existing ancestor of {@code dir} down to {@code dir}, top first. */
    public static List<Path> missing(Path dir) {
        List<Path> missing = new ArrayList<>();
        for (Path p = dir; p != null && !Files.isDirectory(p); p = p.getParent()) {
            missing.add(p);
        }
        Collections.reverse(missing);
        return missing;
    }

    public static void mkdir(Path dir) {
        try {
            Files.createDirectory(dir);
        } catch (IOException e) {
            throw new CgroupException("cannot create cgroup " + dir + ": " + CgroupFiles.errnoText(e), e);
        }
    }

    /** Host pids in {@code dir} and every cgroup below it, ascending. */
    public static List<Integer> pids(Path dir) {
        List<Integer> out = new ArrayList<>();
        collect(dir, out);
        Collections.sort(out);
        return out;
    }

    private static void collect(Path dir, List<Integer> out) {
        String procs = CgroupFiles.readOrNull(dir.resolve("cgroup.procs"));
        if (procs == null) {
            return; // the cgroup is gone
        }
        for (String line : procs.split("\n")) {
            if (!line.isBlank()) {
                out.add(Integer.parseInt(line.trim()));
            }
        }
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir, Files::isDirectory)) {
            for (Path child : children) {
                collect(child, out);
            }
        } catch (NoSuchFileException e) {
            // removed meanwhile
        } catch (IOException e) {
            throw new CgroupException("cannot list " + dir + ": " + CgroupFiles.errnoText(e), e);
        }
    }

    /** Removes {@code created}, deepest first; a cgroup whose last process has just died can be busy a moment. */
    public static void remove(List<Path> created) {
        List<Path> order = new ArrayList<>(created);
        order.sort((a, b) -> Integer.compare(b.getNameCount(), a.getNameCount()));
        for (Path dir : order) {
            long deadline = System.nanoTime() + REMOVE_WAIT_MILLIS * 1_000_000;
            while (true) {
                try {
                    Files.deleteIfExists(dir);
                    break;
                } catch (IOException e) {
                    if (System.nanoTime() > deadline) {
                        throw new CgroupException("cannot remove cgroup " + dir + ": " + CgroupFiles.errnoText(e)
                                + " (processes left in it: " + CgroupFiles.readOrNull(dir.resolve("cgroup.procs"))
                                + ")", e);
                    }
                    sleepMillis(5);
                }
            }
        }
    }

    public static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CgroupException("interrupted");
        }
    }

    /** Signals every process with the cgroup frozen meanwhile (runc's signalAllProcesses): none forks past the list. */
    public static void signalFrozen(CgroupManager cgroup, int signal) {
        boolean wasFrozen = cgroup.isFrozen();
        if (!wasFrozen) {
            cgroup.freeze();
        }
        try {
            signal(cgroup.pids(), signal);
        } finally {
            if (!wasFrozen) {
                cgroup.thaw();
            }
        }
    }

    /** Every pid but this JVM's gets {@code signal}. */
    public static void signal(List<Integer> pids, int signal) {
        long self = ProcessHandle.current().pid();
        for (int pid : pids) {
            if (pid != self) {
                dev.jrun.linux.kernel.Kernel.kill(pid, signal);
            }
        }
    }
}
