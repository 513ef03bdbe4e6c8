package io.guildmark.app.pathways.model;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A pathway's rule tree: leaves are micro-credentials; groups require all of their parts, at least N of them
 * (electives), or at least X credits from a set of micro-credentials. Groups nest.
 */
public sealed interface Requirement {

    /** Every micro-credential the tree mentions, in order of first mention. */
    List<UUID> achievements();

    /** The number of nodes, to bound what designers can build. */
    int size();

    /** The depth of nesting, a leaf being 1. */
    int depth();

    /** Holding this micro-credential. */
    record Earn(UUID achievementId) implements Requirement {
        public List<UUID> achievements() { return List.of(achievementId); }
        public int size() { return 1; }
        public int depth() { return 1; }
    }

    /** Every part. */
    record AllOf(String label, List<Requirement> parts) implements Requirement {
        public AllOf {
            parts = List.copyOf(parts);
            if (parts.isEmpty()) throw new IllegalArgumentException("\"" + label + "\" needs at least one part");
        }
        public List<UUID> achievements() { return union(parts); }
        public int size() { return 1 + parts.stream().mapToInt(Requirement::size).sum(); }
        public int depth() { return 1 + parts.stream().mapToInt(Requirement::depth).max().orElse(0); }
    }

    /** At least {@code count} of the parts: electives. */
    record AtLeast(String label, int count, List<Requirement> parts) implements Requirement {
        public AtLeast {
            parts = List.copyOf(parts);
            if (count < 1 || count > parts.size()) {
                throw new IllegalArgumentException("Choose between 1 and " + parts.size() + " of \"" + label + "\", not " + count);
            }
        }
        public List<UUID> achievements() { return union(parts); }
        public int size() { return 1 + parts.stream().mapToInt(Requirement::size).sum(); }
        public int depth() { return 1 + parts.stream().mapToInt(Requirement::depth).max().orElse(0); }
    }

    /** At least {@code minimum} credits from micro-credentials among {@code from}. */
    record Credits(String label, BigDecimal minimum, List<UUID> from) implements Requirement {
        public Credits {
            from = from.stream().distinct().toList();
            if (minimum.signum() <= 0) throw new IllegalArgumentException("\"" + label + "\" needs a positive number of credits");
            if (from.isEmpty()) throw new IllegalArgumentException("\"" + label + "\" needs micro-credentials to count credits from");
        }
        public List<UUID> achievements() { return from; }
        public int size() { return 1 + from.size(); }
        public int depth() { return 1; }
    }

    private static List<UUID> union(List<Requirement> parts) {
        return parts.stream().flatMap(p -> p.achievements().stream()).distinct().toList();
    }
}
