package dev.jrun.linux.plan;

/**
 * A jump target inside a {@link PlanBuilder}, bound to the index of the next op emitted after {@link
 * PlanBuilder#bind}. Jumps may refer to it before it is bound; {@link PlanBuilder#build} resolves them.
 */
public final class Label {
    static final int UNBOUND = -1;

    private final String name;
    private final PlanBuilder owner;
    private int index = UNBOUND;

    Label(String name, PlanBuilder owner) {
        this.name = name;
        this.owner = owner;
    }

    public String name() {
        return name;
    }

    PlanBuilder owner() {
        return owner;
    }

    int index() {
        return index;
    }

    void bindTo(int opIndex) {
        if (index != UNBOUND) {
            throw new InvalidPlanException("label '" + name + "' is bound twice (ops " + index + " and " + opIndex + ")");
        }
        index = opIndex;
    }

    @Override
    public String toString() {
        return "Label[" + name + (index == UNBOUND ? ", unbound" : " -> " + index) + "]";
    }
}
