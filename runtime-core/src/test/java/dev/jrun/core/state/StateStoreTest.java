package dev.jrun.core.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrun.core.JrunException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateStoreTest {
    @TempDir
    Path tmp;

    private static ContainerState state(String id) {
        return StateJsonTest.created(id, "root", Map.of("k", "v"));
    }

    @Test
    void createsRootWithPrivateModeAndLoadsWhatWasCreated() throws IOException {
        Path root = tmp.resolve("run/jrun");
        StateStore store = new StateStore(root);
        store.create(state("c1"));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(root)));
        assertEquals(Optional.of(state("c1")), store.load("c1"));
        assertEquals(state("c1"), store.require("c1"));
    }

    @Test
    void secondCreateOfSameIdFails() {
        StateStore store = new StateStore(tmp);
        store.create(state("c1"));
        var e = assertThrows(ContainerExistsException.class, () -> store.create(state("c1")));
        assertTrue(e.getMessage().contains("container with id \"c1\" already exists"), e.getMessage());
        assertTrue(e.getMessage().contains("container with given ID already exists"), e.getMessage());
    }

    @Test
    void invalidIdIsRejectedBeforeTouchingDisk() throws IOException {
        StateStore store = new StateStore(tmp.resolve("root"));
        assertThrows(InvalidContainerIdException.class, () -> store.create(state("..")));
        assertThrows(InvalidContainerIdException.class, () -> store.load("a/b"));
        assertTrue(Files.notExists(tmp.resolve("root")));
    }

    @Test
    void saveReplacesStateAndLeavesNoTemporaryFiles() throws IOException {
        StateStore store = new StateStore(tmp);
        store.create(state("c1"));
        for (int i = 0; i < 20; i++) {
            store.save(state("c1").withStatus(ContainerStatus.RUNNING));
        }
        assertEquals(ContainerStatus.RUNNING, store.require("c1").status());
        try (Stream<Path> files = Files.list(tmp.resolve("c1"))) {
            assertEquals(List.of("state.json"), files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void saveOfUnknownContainerFails() {
        assertThrows(ContainerNotFoundException.class, () -> new StateStore(tmp).save(state("ghost")));
    }

    @Test
    void missingContainerIsEmptyOrNotFound() {
        StateStore store = new StateStore(tmp);
        assertEquals(Optional.empty(), store.load("ghost"));
        var e = assertThrows(ContainerNotFoundException.class, () -> store.require("ghost"));
        assertEquals("container \"ghost\" does not exist", e.getMessage());
        assertThrows(ContainerNotFoundException.class, () -> store.remove("ghost"));
        assertThrows(ContainerNotFoundException.class, () -> store.lock("ghost"));
    }

    @Test
    void corruptStateFileIsAnErrorNamingTheFile() throws IOException {
        StateStore store = new StateStore(tmp);
        Files.createDirectory(tmp.resolve("c1"));
        Files.writeString(tmp.resolve("c1/state.json"), "{\"ociVersion\":\"1.0");
        var e = assertThrows(JrunException.class, () -> store.load("c1"));
        assertTrue(e.getMessage().contains(tmp.resolve("c1/state.json").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void listReportsBrokenEntriesSortedAndNeverThrows() throws IOException {
        StateStore store = new StateStore(tmp);
        store.create(state("b-good"));
        store.create(state("d-good"));
        Files.createDirectory(tmp.resolve("a-nostate"));
        Files.createDirectory(tmp.resolve("c-empty"));
        Files.createFile(tmp.resolve("c-empty/state.json"));
        Files.createDirectory(tmp.resolve("e-truncated"));
        byte[] full = StateJson.write(state("e-truncated"));
        Files.write(tmp.resolve("e-truncated/state.json"), java.util.Arrays.copyOf(full, full.length - 10));
        Files.createDirectory(tmp.resolve("f-wrongid"));
        Files.write(tmp.resolve("f-wrongid/state.json"), StateJson.write(state("other")));
        Files.createDirectory(tmp.resolve("g bad name"));
        Files.writeString(tmp.resolve("stray-file"), "not a container");

        List<Listing> listing = store.list();
        assertEquals(List.of("a-nostate", "b-good", "c-empty", "d-good", "e-truncated", "f-wrongid", "g bad name"),
                listing.stream().map(Listing::id).toList());
        assertTrue(((Listing.Broken) listing.get(0)).problem().contains("no state.json"));
        assertEquals(state("b-good"), assertInstanceOf(Listing.Entry.class, listing.get(1)).state());
        assertEquals("file is empty", ((Listing.Broken) listing.get(2)).problem());
        assertInstanceOf(Listing.Entry.class, listing.get(3));
        assertTrue(((Listing.Broken) listing.get(4)).problem().contains("truncated"));
        assertTrue(((Listing.Broken) listing.get(5)).problem().contains("other"));
        assertTrue(((Listing.Broken) listing.get(6)).problem().contains("invalid container ID format"));
    }

    @Test
    void listOfMissingRootIsEmpty() {
        assertEquals(List.of(), new StateStore(tmp.resolve("nope")).list());
    }

    @Test
    void removeDeletesEverything() throws IOException {
        StateStore store = new StateStore(tmp);
        store.create(state("c1"));
        try (StateStore.Lock lock = store.lock("c1")) {
            store.save(state("c1").withStatus(ContainerStatus.STOPPED));
        }
        store.remove("c1");
        assertTrue(Files.notExists(tmp.resolve("c1")));
        assertEquals(List.of(), store.list());
    }

    @Test
    void lockExcludesAnotherProcess() throws Exception {
        StateStore store = new StateStore(tmp);
        store.create(state("c1"));
        try (StateStore.Lock lock = store.lock("c1")) {
            // A second process trying the same lock must not get it while we hold it.
            Process other = RaceCreator.java("dev.jrun.core.state.LockProbe", tmp.toString(), "c1").start();
            String out = new String(other.getInputStream().readAllBytes()).trim();
            assertEquals(0, other.waitFor());
            assertEquals("busy", out);
        }
        Process other = RaceCreator.java("dev.jrun.core.state.LockProbe", tmp.toString(), "c1").start();
        String out = new String(other.getInputStream().readAllBytes()).trim();
        assertEquals(0, other.waitFor());
        assertEquals("free", out);
    }
}
