package dev.jrun.core.state;

import dev.jrun.core.JrunException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The on-disk record of containers: {@code <root>/<id>/state.json}, one directory per container. The directory is
 * the id's claim, so creating it is the only step that must be atomic across processes; state.json is always
 * replaced whole, so readers see the old or the new state, never a mix.
 */
public final class StateStore {
    static final String STATE_FILE = "state.json";
    private static final String LOCK_FILE = ".lock";
    private static final Set<PosixFilePermission> ROOT_MODE = PosixFilePermissions.fromString("rwx------");
    // runc uses 0711 so that processes in the container with other uids can still traverse to files below.
    private static final Set<PosixFilePermission> CONTAINER_MODE = PosixFilePermissions.fromString("rwx--x--x");

    // A class, not Comparator.comparing(Listing::id): a lambda spins a hidden class on every `jrun list`.
    private static final Comparator<Listing> BY_ID = new Comparator<>() {
        @Override
        public int compare(Listing a, Listing b) {
            return a.id().compareTo(b.id());
        }
    };

    private final Path root;

    public StateStore(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** Claims {@code initial.id()} and writes its first state; exactly one of several racing callers succeeds. */
    public ContainerState create(ContainerState initial) {
        String id = initial.id();
        ContainerIds.check(id);
        ensureRoot();
        Path dir = root.resolve(id);
        try {
            Files.createDirectory(dir);
        } catch (FileAlreadyExistsException e) {
            throw new ContainerExistsException(id);
        } catch (IOException e) {
            throw new JrunException("cannot create state directory " + dir + ": " + e.getMessage(), e);
        }
        try {
            Files.setPosixFilePermissions(dir, CONTAINER_MODE);
            writeAtomically(dir, StateJson.write(initial));
        } catch (IOException | RuntimeException e) {
            // Do not leave a claimed but stateless id behind: it would block the id until someone deletes it.
            deleteQuietly(dir);
            throw e instanceof JrunException je ? je
                    : new JrunException("cannot write state of container \"" + id + "\" in " + dir + ": "
                    + e.getMessage(), e);
        }
        return initial;
    }

    /** Replaces the container's state atomically and durably. The container must exist. */
    public void save(ContainerState state) {
        ContainerIds.check(state.id());
        Path dir = root.resolve(state.id());
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new ContainerNotFoundException(state.id());
        }
        try {
            writeAtomically(dir, StateJson.write(state));
        } catch (IOException e) {
            throw new JrunException("cannot write state of container \"" + state.id() + "\" in " + dir + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * The container's stored state; empty when there is none (no directory, or a directory whose state.json has not
     * been written yet). A state.json that exists but cannot be parsed is a {@link CorruptStateException}.
     */
    public Optional<ContainerState> load(String id) {
        ContainerIds.check(id);
        Path file = root.resolve(id).resolve(STATE_FILE);
        byte[] json;
        // A plain stream, not Files.readAllBytes: that one goes through FileChannel, ~30 classes more at the start
        // of every `jrun state`.
        try (java.io.FileInputStream in = new java.io.FileInputStream(file.toFile())) {
            json = in.readAllBytes();
        } catch (java.io.FileNotFoundException e) {
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            throw new JrunException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new JrunException("cannot read " + file + ": " + e.getMessage(), e);
        }
        ContainerState state = StateJson.parse(json, file.toString());
        if (!state.id().equals(id)) {
            throw new CorruptStateException(file.toString(), "it records id \"" + state.id() + "\"", null);
        }
        return Optional.of(state);
    }

    public ContainerState require(String id) {
        // No lambdas on the paths `jrun state` takes: each one spins a class at startup.
        Optional<ContainerState> state = load(id);
        if (state.isEmpty()) {
            throw new ContainerNotFoundException(id);
        }
        return state.get();
    }

    /** Every container directory, sorted by id; unreadable ones as {@link Listing.Broken}. */
    public List<Listing> list() {
        List<Listing> result = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
            for (Path dir : dirs) {
                if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                    result.add(listingOf(dir.getFileName().toString()));
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new JrunException("cannot list state directory " + root + ": " + e.getMessage(), e);
        }
        result.sort(BY_ID);
        return result;
    }

    private Listing listingOf(String id) {
        try {
            Optional<ContainerState> state = load(id);
            if (state.isPresent()) {
                return new Listing.Entry(state.get());
            }
            return new Listing.Broken(id, "no " + STATE_FILE + " (being created right now, or left behind by a crash)");
        } catch (CorruptStateException e) {
            return new Listing.Broken(id, e.problem());
        } catch (JrunException e) {
            return new Listing.Broken(id, e.getMessage());
        }
    }

    /**
     * Takes the container's exclusive lock, waiting for it; hold it for the whole of a state-changing operation.
     * Re-read the state after acquiring it: the holder you waited for may have changed or removed the container
     * (a removed container's lock is on an unlinked file, so it no longer excludes anyone).
     *
     * <p>Java's FileLock is a POSIX record lock (fcntl), not flock(2): it would not exclude an flock-based tool, which
     * is fine because only jrun takes this lock. Within one JVM a second lock on the same file throws
     * OverlappingFileLockException instead of waiting, which is fine because each jrun process works on one
     * container at a time.
     */
    public Lock lock(String id) {
        ContainerIds.check(id);
        Path file = root.resolve(id).resolve(LOCK_FILE);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (NoSuchFileException e) {
            throw new ContainerNotFoundException(id);
        } catch (IOException e) {
            throw new JrunException("cannot open lock file " + file + ": " + e.getMessage(), e);
        }
        try {
            return new Lock(channel.lock());
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            throw new JrunException("cannot lock " + file + ": " + e.getMessage(), e);
        }
    }

    /** Deletes the container's directory and everything in it. */
    public void remove(String id) {
        ContainerIds.check(id);
        Path dir = root.resolve(id);
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new ContainerNotFoundException(id);
        }
        try {
            deleteTree(dir);
        } catch (IOException e) {
            throw new JrunException("cannot remove state directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** An exclusive hold on one container's state; closing releases it. */
    public static final class Lock implements AutoCloseable {
        private final FileLock lock;

        private Lock(FileLock lock) {
            this.lock = lock;
        }

        @Override
        public void close() {
            try {
                lock.channel().close(); // closing the channel releases the lock
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void ensureRoot() {
        if (Files.isDirectory(root)) {
            return;
        }
        try {
            Path parent = root.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.createDirectory(root);
            // The mode given at creation is filtered by the umask; set it explicitly.
            Files.setPosixFilePermissions(root, ROOT_MODE);
        } catch (FileAlreadyExistsException e) {
            // A racing jrun created it first; fine.
        } catch (IOException e) {
            throw new JrunException("cannot create state root " + root + ": " + e.getMessage(), e);
        }
    }

    // Write a temporary sibling, make it durable, then rename over state.json: rename is atomic on one filesystem,
    // and fsyncing before it means a crash cannot leave a renamed but empty file.
    private static void writeAtomically(Path dir, byte[] content) throws IOException {
        Path tmp = Files.createTempFile(dir, STATE_FILE + ".tmp-", "");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, dir.resolve(STATE_FILE), StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("filesystem does not support atomic rename", e);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        fsyncDirectory(dir);
    }

    // Makes the rename itself durable. Opening a directory for reading works on Linux; elsewhere it may not, and a
    // lost rename after a power cut is then the accepted risk.
    private static void fsyncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // best effort
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            deleteTree(dir);
        } catch (IOException e) {
            // the original failure is what the user needs to see
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // already failing
        }
    }
}
