package dev.jrun.linux.cgroup;

import dev.jrun.core.json.GoJsonWriter;
import dev.jrun.core.json.MiniJsonReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A container's cgroup record in its state directory ({@code cgroup.json}), and the manager it describes. */
public final class ContainerCgroups {
    public static final String FILE = "cgroup.json";

    private ContainerCgroups() {}

    /** The manager of the container whose state directory is {@code stateDir}; empty if it has no record. */
    public static Optional<CgroupManager> load(Path stateDir) {
        Optional<CgroupRecord> record = read(stateDir);
        return record.isEmpty() ? Optional.empty() : Optional.of(Cgroups.open(record.get()));
    }

    public static Optional<CgroupRecord> read(Path stateDir) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(stateDir.resolve(FILE));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new CgroupException("cannot read " + stateDir.resolve(FILE) + ": " + e.getMessage(), e);
        }
        try {
            Map<?, ?> top = (Map<?, ?>) MiniJsonReader.parse(bytes);
            Map<String, String> dirs = new LinkedHashMap<>();
            // Loops, not lambdas: `state` reads this file to tell paused, and each lambda costs start-up time.
            for (Map.Entry<?, ?> e : ((Map<?, ?>) top.get("dirs")).entrySet()) {
                dirs.put((String) e.getKey(), (String) e.getValue());
            }
            List<String> created = new ArrayList<>();
            for (Object o : (List<?>) top.get("created")) {
                created.add((String) o);
            }
            return Optional.of(new CgroupRecord((String) top.get("version"), dirs, created));
        } catch (RuntimeException e) {
            throw new CgroupException("corrupt " + stateDir.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }

    /** Writes the record atomically (temp file and rename), so a reader never sees half of it. */
    public static void write(Path stateDir, CgroupRecord record) {
        GoJsonWriter w = GoJsonWriter.compact().beginObject().field("version", record.version()).name("dirs")
                .beginObject();
        for (Map.Entry<String, String> e : record.dirs().entrySet()) {
            w.field(e.getKey(), e.getValue());
        }
        w.endObject().name("created").beginArray();
        for (String dir : record.created()) {
            w.value(dir);
        }
        w.endArray().endObject();
        Path tmp = stateDir.resolve(FILE + ".tmp");
        try {
            Files.writeString(tmp, w.toString(), StandardCharsets.UTF_8);
            Files.move(tmp, stateDir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new CgroupException("cannot write " + stateDir.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }
}
