package io.guildmark.app.pathways;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

import io.guildmark.app.pathways.model.Requirement;
import io.guildmark.app.shared.Decimals;
import io.guildmark.app.shared.JsonLimits;
import io.guildmark.app.shared.Problem;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A pathway's rule tree as designers edit it. Like {@link Requirement}, but a draft may be unfinished (an empty group,
 * a count above its parts): it is checked in full with {@link #toRequirement} when it is published. Edits are values
 * ({@link Edit}) applied by pure functions, addressed by a node's path ({@code ""} is the root, {@code "1.0"} the first
 * part of the root's second part).
 *
 * <p>Stored and served as explicit JSON with a {@code kind} discriminator, independent of Java names:
 * {@code {"kind":"allOf","label":…,"parts":[…]}}, {@code {"kind":"atLeast","label":…,"count":2,"parts":[…]}},
 * {@code {"kind":"credits","label":…,"minimum":10,"from":["<id>",…]}} and {@code {"kind":"earn","achievementId":"<id>"}}.
 */
public final class RuleTree {

    /** Nesting depth, a single step being 1: deeper trees are hard to show and harder for learners to follow. */
    public static final int MAX_DEPTH = 5;
    /** Nodes of the tree, each micro-credential of a credit group counted as one. */
    public static final int MAX_NODES = 100;
    /**
     * Different micro-credentials a pathway counts: the stacked credential lists each one as evidence, and a credential
     * carries at most 20 pieces of evidence.
     */
    public static final int MAX_ACHIEVEMENTS = 20;
    public static final int MAX_LABEL = 100;

    static final JsonMapper JSON = JsonLimits.builder().build();
    private static final BigDecimal MAX_CREDITS = new BigDecimal("100000");

    private RuleTree() {}

    /** A node of a draft tree. */
    public sealed interface Rule {
        /** Every micro-credential the node mentions, in order of first mention. */
        List<UUID> achievements();

        int size();

        int depth();
    }

    /** Holding one micro-credential. */
    public record Step(UUID achievementId) implements Rule {
        public List<UUID> achievements() { return List.of(achievementId); }
        public int size() { return 1; }
        public int depth() { return 1; }
    }

    /** Every part. */
    public record AllOf(String label, List<Rule> parts) implements Rule {
        public AllOf { parts = List.copyOf(parts); }
        public List<UUID> achievements() { return union(parts); }
        public int size() { return 1 + parts.stream().mapToInt(Rule::size).sum(); }
        // An empty group counts as holding one level: it is there to be filled.
        public int depth() { return 1 + parts.stream().mapToInt(Rule::depth).max().orElse(1); }
    }

    /** At least {@code count} of the parts: electives. */
    public record AtLeast(String label, int count, List<Rule> parts) implements Rule {
        public AtLeast { parts = List.copyOf(parts); }
        public List<UUID> achievements() { return union(parts); }
        public int size() { return 1 + parts.stream().mapToInt(Rule::size).sum(); }
        // An empty group counts as holding one level: it is there to be filled.
        public int depth() { return 1 + parts.stream().mapToInt(Rule::depth).max().orElse(1); }
    }

    /** At least {@code minimum} credits from the listed micro-credentials. */
    public record Credits(String label, BigDecimal minimum, List<UUID> from) implements Rule {
        public Credits { from = from.stream().distinct().toList(); }
        public List<UUID> achievements() { return from; }
        public int size() { return 1 + from.size(); }
        public int depth() { return 1; }
    }

    /** The tree of a new pathway: one empty all-of group. */
    public static Rule empty() {
        return new AllOf("Required", List.of());
    }

    public static boolean isGroup(Rule rule) {
        return !(rule instanceof Step);
    }

    public static String label(Rule rule) {
        if (rule instanceof AllOf a) return a.label();
        if (rule instanceof AtLeast a) return a.label();
        if (rule instanceof Credits c) return c.label();
        return "";
    }

    public static List<Rule> parts(Rule rule) {
        if (rule instanceof AllOf a) return a.parts();
        if (rule instanceof AtLeast a) return a.parts();
        if (rule instanceof Credits c) return c.from().stream().map(id -> (Rule) new Step(id)).toList();
        return List.of();
    }

    /** The rule of a group in words, e.g. "all of", "2 of 4", "≥ 10 PDU from". */
    public static String ruleText(Rule rule, String creditUnit) {
        if (rule instanceof AllOf) return "all of";
        if (rule instanceof AtLeast a) return a.count() + " of " + a.parts().size();
        if (rule instanceof Credits c) return "≥ " + c.minimum().stripTrailingZeros().toPlainString() + " " + creditUnit + " from";
        return "";
    }

    // ---- Edits ------------------------------------------------------------------------------------------------------

    /** A change a designer makes to the draft tree. */
    public sealed interface Edit {}

    /** Adds a micro-credential at the end of a group. */
    public record AddStep(String group, UUID achievementId) implements Edit {}

    /** Adds a (new, usually empty) group at the end of a group. */
    public record AddGroup(String group, Rule newGroup) implements Edit {}

    /** Changes a group: its kind, name, count, minimum and (for credit groups) what counts; its parts stay. */
    public record ChangeGroup(String group, Rule replacement) implements Edit {}

    public record Remove(String node) implements Edit {}

    /** Moves a node one place up ({@code -1}) or down ({@code +1}) among its siblings. */
    public record Move(String node, int by) implements Edit {}

    /** Applies an edit, checking the size limits; the tree itself is unchanged (trees are values). */
    public static Rule apply(Rule root, Edit edit) {
        Rule next;
        if (edit instanceof AddStep add) {
            next = update(root, path(add.group()), 0, group -> {
                if (group instanceof Credits c) {
                    List<UUID> from = new ArrayList<>(c.from());
                    if (from.contains(add.achievementId())) throw Problem.invalidField("achievementId", "This micro-credential already counts in \"" + c.label() + "\".");
                    from.add(add.achievementId());
                    return new Credits(c.label(), c.minimum(), from);
                }
                return withParts(group, append(parts(group), new Step(add.achievementId())));
            });
        } else if (edit instanceof AddGroup add) {
            if (!isGroup(add.newGroup())) throw Problem.invalidField("kind", "Choose the kind of group.");
            next = update(root, path(add.group()), 0, group -> {
                if (group instanceof Credits) throw Problem.invalid("not-nestable", "A credit group lists micro-credentials; it cannot hold other groups.");
                return withParts(group, append(parts(group), add.newGroup()));
            });
        } else if (edit instanceof ChangeGroup change) {
            next = update(root, path(change.group()), 0, group -> {
                if (!isGroup(group)) throw Problem.invalid("not-a-group", "Only groups can be changed.");
                Rule replacement = change.replacement();
                if (replacement instanceof Credits c) {
                    List<Rule> nested = parts(group).stream().filter(RuleTree::isGroup).toList();
                    if (!(group instanceof Credits) && !nested.isEmpty()) {
                        throw Problem.invalid("not-nestable", "Move or remove the groups inside \"" + label(group) + "\" before making it a credit group.");
                    }
                    if (c.from().isEmpty() && !(group instanceof Credits)) {
                        // Turning a group into a credit group keeps its micro-credentials as what counts.
                        return new Credits(c.label(), c.minimum(), group.achievements());
                    }
                    return c;
                }
                return withParts(replacement, parts(group));
            });
        } else if (edit instanceof Remove remove) {
            int[] at = path(remove.node());
            if (at.length == 0) throw Problem.invalid("root", "The top group cannot be removed; change it instead.");
            next = updateParent(root, at, (parts, i) -> {
                List<Rule> copy = new ArrayList<>(parts);
                copy.remove(i);
                return copy;
            });
        } else if (edit instanceof Move move) {
            int[] at = path(move.node());
            if (at.length == 0 || (move.by() != -1 && move.by() != 1)) throw Problem.invalid("cannot-move", "This cannot be moved.");
            next = updateParent(root, at, (parts, i) -> {
                int j = i + move.by();
                if (j < 0 || j >= parts.size()) return parts;
                List<Rule> copy = new ArrayList<>(parts);
                copy.set(i, parts.get(j));
                copy.set(j, parts.get(i));
                return copy;
            });
        } else {
            throw new IllegalArgumentException(String.valueOf(edit));
        }
        checkLimits(next);
        return next;
    }

    /** Refuses trees beyond the limits, saying which. */
    static void checkLimits(Rule root) {
        if (root.depth() > MAX_DEPTH) throw Problem.invalid("too-deep", "Groups nest at most " + (MAX_DEPTH - 1) + " levels deep.");
        if (root.size() > MAX_NODES) throw Problem.invalid("too-large", "A pathway has at most " + MAX_NODES + " steps and groups.");
        if (root.achievements().size() > MAX_ACHIEVEMENTS) {
            throw Problem.invalid("too-many-micro-credentials", "A pathway counts at most " + MAX_ACHIEVEMENTS
                    + " different micro-credentials: the certificate lists each as evidence.");
        }
    }

    private static List<Rule> append(List<Rule> parts, Rule rule) {
        List<Rule> copy = new ArrayList<>(parts);
        copy.add(rule);
        return copy;
    }

    private static Rule withParts(Rule group, List<Rule> parts) {
        if (group instanceof AllOf a) return new AllOf(a.label(), parts);
        if (group instanceof AtLeast a) return new AtLeast(a.label(), a.count(), parts);
        if (group instanceof Credits c) {
            if (parts.stream().anyMatch(RuleTree::isGroup)) throw Problem.invalid("not-nestable", "A credit group lists micro-credentials; it cannot hold other groups.");
            return new Credits(c.label(), c.minimum(), parts.stream().map(p -> ((Step) p).achievementId()).toList());
        }
        throw Problem.invalid("not-a-group", "Steps can only be added to groups.");
    }

    private static Rule update(Rule node, int[] path, int i, UnaryOperator<Rule> change) {
        if (i == path.length) return change.apply(node);
        List<Rule> parts = isGroup(node) && !(node instanceof Credits) ? parts(node) : List.of();
        if (path[i] < 0 || path[i] >= parts.size()) throw Problem.notFound("That part of the pathway");
        List<Rule> copy = new ArrayList<>(parts);
        copy.set(path[i], update(parts.get(path[i]), path, i + 1, change));
        return withParts(node, copy);
    }

    private interface PartsChange {
        List<Rule> apply(List<Rule> parts, int index);
    }

    private static Rule updateParent(Rule root, int[] path, PartsChange change) {
        int[] parent = java.util.Arrays.copyOf(path, path.length - 1);
        int index = path[path.length - 1];
        return update(root, parent, 0, group -> {
            List<Rule> parts = parts(group);
            if (index < 0 || index >= parts.size()) throw Problem.notFound("That part of the pathway");
            return withParts(group, change.apply(parts, index));
        });
    }

    /** {@code ""} → root; {@code "1.0"} → [1, 0]. Anything else reads as a part that does not exist. */
    static int[] path(String path) {
        if (path == null || path.isBlank()) return new int[0];
        String[] bits = path.strip().split("\\.");
        if (bits.length > MAX_DEPTH) throw Problem.notFound("That part of the pathway");
        int[] result = new int[bits.length];
        try {
            for (int i = 0; i < bits.length; i++) result[i] = Integer.parseInt(bits[i]);
        } catch (NumberFormatException e) {
            throw Problem.notFound("That part of the pathway");
        }
        return result;
    }

    /** The node at a path. */
    public static Rule at(Rule root, String path) {
        Rule node = root;
        for (int i : path(path)) {
            List<Rule> parts = parts(node);
            if (i < 0 || i >= parts.size()) throw Problem.notFound("That part of the pathway");
            node = parts.get(i);
        }
        return node;
    }

    // ---- Checking for publication -----------------------------------------------------------------------------------

    /**
     * The rule engine's tree, or the reasons it cannot be one yet (keyed {@code rules}, naming the group). Checks shape
     * only; which micro-credentials may be used is the caller's business.
     */
    public static @Nullable Requirement toRequirement(Rule rule, Map<String, String> errors) {
        if (rule instanceof Step s) return new Requirement.Earn(s.achievementId());
        String name = "\"" + label(rule) + "\"";
        if (rule instanceof Credits c) {
            boolean ok = true;
            if (c.minimum().signum() <= 0 || !Decimals.isReasonable(c.minimum()) || c.minimum().compareTo(MAX_CREDITS) > 0) {
                errors.putIfAbsent("rules", name + " needs a positive number of credits, at most 100,000.");
                ok = false;
            }
            if (c.from().isEmpty()) {
                errors.putIfAbsent("rules", name + " needs micro-credentials whose credits count.");
                ok = false;
            }
            return ok ? new Requirement.Credits(c.label(), c.minimum(), c.from()) : null;
        }
        List<Rule> parts = parts(rule);
        if (parts.isEmpty()) {
            errors.putIfAbsent("rules", name + " is empty: add micro-credentials or groups to it, or remove it.");
            return null;
        }
        List<Requirement> converted = new ArrayList<>();
        for (Rule part : parts) converted.add(toRequirement(part, errors));
        if (converted.contains(null)) return null;
        if (rule instanceof AtLeast a) {
            if (a.count() < 1 || a.count() > parts.size()) {
                errors.putIfAbsent("rules", name + " asks for " + a.count() + " of " + parts.size() + " parts: choose between 1 and " + parts.size() + ".");
                return null;
            }
            return new Requirement.AtLeast(a.label(), a.count(), converted);
        }
        return new Requirement.AllOf(label(rule), converted);
    }

    /** Checks a group's own fields as a designer typed them. */
    static Map<String, String> checkGroupFields(String label, @Nullable Integer count, @Nullable BigDecimal minimum, String kind) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (label.isBlank() || label.length() > MAX_LABEL) errors.put("label", "Name the group (at most " + MAX_LABEL + " characters).");
        if ("atLeast".equals(kind) && (count == null || count < 1 || count > MAX_NODES)) errors.put("count", "Say how many parts are needed (at least 1).");
        if ("credits".equals(kind) && (minimum == null || minimum.signum() <= 0 || !Decimals.isReasonable(minimum)
                || minimum.compareTo(MAX_CREDITS) > 0)) {
            errors.put("minimum", "Say how many credits are needed (more than 0).");
        }
        return errors;
    }

    // ---- JSON -------------------------------------------------------------------------------------------------------

    public static String write(Rule rule) {
        return JSON.writeValueAsString(toNode(rule));
    }

    static ObjectNode toNode(Rule rule) {
        ObjectNode node = JSON.createObjectNode();
        if (rule instanceof Step s) {
            node.put("kind", "earn");
            node.put("achievementId", s.achievementId().toString());
        } else if (rule instanceof Credits c) {
            node.put("kind", "credits");
            node.put("label", c.label());
            node.put("minimum", c.minimum());
            ArrayNode from = node.putArray("from");
            c.from().forEach(id -> from.add(id.toString()));
        } else {
            node.put("kind", rule instanceof AllOf ? "allOf" : "atLeast");
            node.put("label", label(rule));
            if (rule instanceof AtLeast a) node.put("count", a.count());
            ArrayNode parts = node.putArray("parts");
            parts(rule).forEach(p -> parts.add(toNode(p)));
        }
        return node;
    }

    public static Rule read(String json) {
        try {
            return fromNode(JSON.readTree(json), 1);
        } catch (JacksonException | IllegalArgumentException e) {
            throw Problem.invalidField("rules", "The rule tree is not valid JSON of a pathway: " + e.getMessage());
        }
    }

    private static Rule fromNode(JsonNode n, int depth) {
        if (depth > MAX_DEPTH + 1) throw new IllegalArgumentException("nested too deeply");
        String kind = n.path("kind").asString("");
        switch (kind) {
            case "earn":
                return new Step(UUID.fromString(n.path("achievementId").asString("")));
            case "credits": {
                List<UUID> from = new ArrayList<>();
                for (JsonNode id : n.path("from")) from.add(UUID.fromString(id.asString("")));
                JsonNode minimum = n.path("minimum");
                return new Credits(n.path("label").asString(""), minimum.isNumber() ? minimum.decimalValue() : BigDecimal.ZERO, from);
            }
            case "allOf":
            case "atLeast": {
                List<Rule> parts = new ArrayList<>();
                for (JsonNode p : n.path("parts")) parts.add(fromNode(p, depth + 1));
                String label = n.path("label").asString("");
                return "allOf".equals(kind) ? new AllOf(label, parts) : new AtLeast(label, n.path("count").asInt(0), parts);
            }
            default:
                throw new IllegalArgumentException("unknown kind \"" + kind + "\"");
        }
    }

    public static String writeIds(List<UUID> ids) {
        ArrayNode array = JSON.createArrayNode();
        ids.forEach(id -> array.add(id.toString()));
        return JSON.writeValueAsString(array);
    }

    public static List<UUID> readIds(String json) {
        List<UUID> ids = new ArrayList<>();
        for (JsonNode id : JSON.readTree(json)) ids.add(UUID.fromString(id.asString()));
        return ids;
    }

    private static List<UUID> union(List<Rule> parts) {
        return parts.stream().flatMap(p -> p.achievements().stream()).distinct().toList();
    }
}
