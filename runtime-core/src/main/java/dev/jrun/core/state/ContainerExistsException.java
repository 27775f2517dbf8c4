package dev.jrun.core.state;

import dev.jrun.core.JrunException;

/** Another container (or a racing jrun process) already holds this id. */
public final class ContainerExistsException extends JrunException {
    public ContainerExistsException(String id) {
        // "container with given ID already exists" is runc's wording; engines may match on it.
        super("container with id \"" + id + "\" already exists (container with given ID already exists)");
    }
}
