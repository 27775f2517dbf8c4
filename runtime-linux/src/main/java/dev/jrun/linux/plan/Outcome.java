package dev.jrun.linux.plan;

/** How a plan run ended. */
public sealed interface Outcome {

    /** The plan reached an EXIT op. */
    record Exited(int code) implements Outcome {}

    /** Op {@code opIndex} got an errno it did not expect; {@code description} is that op's. */
    record Failed(int opIndex, int errno, String description) implements Outcome {}
}
