package dev.jrun.linux.plan;

/** How a {@link Op.JumpIf} compares a register with its immediate. Comparisons are signed, as errno results are. */
public enum Condition {
    EQ,
    NE,
    LT
}
