package dev.jrun.core.state;

import dev.jrun.core.JrunException;

/** The id given on the command line cannot name a container (it would escape or confuse the state directory). */
public final class InvalidContainerIdException extends JrunException {
    public InvalidContainerIdException(String message) {
        super(message);
    }
}
