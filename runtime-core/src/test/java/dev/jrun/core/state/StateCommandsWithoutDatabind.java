package dev.jrun.core.state;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Run in a JVM whose class path lacks jackson-databind: does everything jrun state / jrun list need. */
public final class StateCommandsWithoutDatabind {
    public static void main(String[] args) {
        StateStore store = new StateStore(Path.of(args[0]));
        ContainerState s = new ContainerState("1.2.1", "c1", 1, ContainerStatus.CREATED, "/b", "/b/rootfs",
                Instant.now(), Map.of("k", "v"), "", 5);
        store.create(s);
        try (StateStore.Lock lock = store.lock("c1")) {
            store.save(s.withStatus(ContainerStatus.RUNNING));
        }
        StatusResolver resolver = new StatusResolver(pid -> Optional.empty());
        System.out.print(StateJson.renderState(resolver.current(store.require("c1"))));
        List<ContainerState> listed = store.list().stream()
                .filter(l -> l instanceof Listing.Entry).map(l -> ((Listing.Entry) l).state()).toList();
        System.out.print(StateJson.renderList(listed));
        store.remove("c1");
    }
}
