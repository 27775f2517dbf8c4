package dev.jrun.core.state;

/** One directory under the state root, as {@link StateStore#list()} found it. */
public sealed interface Listing {
    String id();

    record Entry(ContainerState state) implements Listing {
        @Override
        public String id() {
            return state.id();
        }
    }

    /** A directory whose state cannot be read; listed so the user can see and delete it rather than hit a crash. */
    record Broken(String id, String problem) implements Listing {
    }
}
