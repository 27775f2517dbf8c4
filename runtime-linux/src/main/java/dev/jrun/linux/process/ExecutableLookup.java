package dev.jrun.linux.process;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Where the container's {@code args[0]} may be, decided in the parent the way Go 1.19's {@code exec.LookPath} (which
 * runc 1.1.5 calls in its init) searches: a name with a "/" is used as is; a bare name is joined to each element of
 * the process's PATH in order (an empty element meaning "."; no PATH at all means no candidates: runc has no default
 * PATH). A candidate found through a relative element is refused ("cannot run executable found relative to current
 * directory").
 *
 * @param name {@code args[0]} as configured
 * @param searched whether the name was looked up in PATH (it has no "/")
 * @param candidates the paths to try, in order; one, the name itself, when not searched
 */
public record ExecutableLookup(String name, boolean searched, List<String> candidates) {

    public ExecutableLookup {
        candidates = List.copyOf(candidates);
    }

    public static ExecutableLookup of(String name, String pathVariable) {
        if (name.contains("/")) {
            return new ExecutableLookup(name, false, List.of(name));
        }
        List<String> out = new ArrayList<>();
        if (pathVariable != null && !pathVariable.isEmpty()) {
            for (String dir : pathVariable.split(":", -1)) {
                String candidate = clean((dir.isEmpty() ? "." : dir) + "/" + name);
                if (!out.contains(candidate)) {
                    out.add(candidate);
                }
            }
        }
        return new ExecutableLookup(name, true, out);
    }

    /** The candidates execve may use: relative ones never get that far (the check refuses them). */
    public List<String> execCandidates() {
        return searched ? candidates.stream().filter(c -> c.startsWith("/")).toList() : candidates;
    }

    /** Go's path.Clean: no empty or "." elements, ".." resolved lexically, "/.." is "/". */
    static String clean(String path) {
        boolean absolute = path.startsWith("/");
        Deque<String> parts = new ArrayDeque<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!parts.isEmpty() && !parts.peekLast().equals("..")) {
                    parts.removeLast();
                } else if (!absolute) {
                    parts.addLast("..");
                }
                continue;
            }
            parts.addLast(part);
        }
        String joined = String.join("/", parts);
        if (absolute) {
            return "/" + joined;
        }
        return joined.isEmpty() ? "." : joined;
    }
}
