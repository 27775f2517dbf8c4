package dev.jrun.core.state;

import dev.jrun.core.JrunException;

/** No state directory exists for this id. Engines match the substring "does not exist". */
public final class ContainerNotFoundException extends JrunException {
    public ContainerNotFoundException(String id) {
        super("container \"" + id + "\" does not exist");
    }
}
