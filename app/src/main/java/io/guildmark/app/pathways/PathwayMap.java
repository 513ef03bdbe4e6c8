package io.guildmark.app.pathways;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import io.guildmark.app.pathways.model.Progress;
import org.jspecify.annotations.Nullable;

/**
 * Lays a pathway out as a map for an SVG: groups are boxes headed by their name and rule ("Electives — 2 of 4"), steps
 * are cards naming the micro-credential and, for a learner, its state in words (earned, in progress, available,
 * locked) besides its colour and border. The top group's parts run left to right, nested groups alternate direction;
 * the capstone follows the rules, deeper dives follow the capstone. Pure layout: the template draws it.
 */
public final class PathwayMap {

    static final int NODE_W = 200;
    static final int NODE_H = 70;
    static final int GAP = 18;
    static final int PAD = 12;
    static final int HEADER = 30;
    static final int MARGIN = 16;
    static final int ARROW = 56;

    /** A group's box. */
    public record Box(int x, int y, int w, int h, String title, boolean satisfied) {}

    /** A step card; {@code state} is null in a preview (no learner). */
    public record Card(int x, int y, int w, int h, List<String> lines, String detail, String cssClass, @Nullable String state) {}

    /** An arrow from one place to the next. */
    public record Arrow(int x1, int y1, int x2, int y2, boolean dashed) {}

    /** The whole map, with the text a screen reader gets for it. */
    public record Drawing(int width, int height, List<Box> boxes, List<Card> cards, List<Arrow> arrows, String title, String description) {}

    private PathwayMap() {}

    /** Words for a step's state: the map never tells them by colour alone. */
    public static String stateLabel(Progress.StepState state) {
        return switch (state) {
            case EARNED -> "✓ Earned";
            case IN_PROGRESS -> "◐ In progress";
            case AVAILABLE -> "○ Available";
            case LOCKED -> "⊘ Locked";
        };
    }

    static String cssClass(Progress.@Nullable StepState state) {
        if (state == null) return "plain";
        return switch (state) {
            case EARNED -> "earned";
            case IN_PROGRESS -> "in-progress";
            case AVAILABLE -> "available";
            case LOCKED -> "locked";
        };
    }

    /**
     * @param names names of the micro-credentials
     * @param detail what a card says under the name: a learner's state, or the credits in a preview
     * @param states a learner's state of each step, or null for a preview
     * @param satisfied whether each group (by path) is satisfied, for a learner; empty in a preview
     */
    static Drawing layout(String pathwayName, RuleTree.Rule rules, Map<UUID, String> names, Function<UUID, String> detail,
            Map<UUID, Progress.StepState> states, Map<String, Boolean> satisfied, Map<UUID, String> units,
            @Nullable String capstone, String capstoneDetail, List<UUID> deeperDives, boolean preview) {
        List<Box> boxes = new ArrayList<>();
        List<Card> cards = new ArrayList<>();
        List<Arrow> arrows = new ArrayList<>();
        Size tree = measure(rules, true);
        int top = MARGIN;
        place(rules, "", MARGIN, top, true, names, detail, states, satisfied, units, preview, boxes, cards);
        int right = MARGIN + tree.w();
        int height = tree.h();
        int midY = top + tree.h() / 2;
        int x = right;
        if (capstone != null) {
            arrows.add(new Arrow(x, midY, x + ARROW - 6, midY, false));
            x += ARROW;
            cards.add(new Card(x, midY - NODE_H / 2, NODE_W, NODE_H, wrap(capstone), capstoneDetail, "capstone", null));
            x += NODE_W;
        }
        if (!deeperDives.isEmpty()) {
            int diveHeight = deeperDives.size() * NODE_H + (deeperDives.size() - 1) * GAP;
            int y = midY - diveHeight / 2;
            height = Math.max(height, diveHeight);
            int from = x;
            x += ARROW;
            for (UUID id : deeperDives) {
                arrows.add(new Arrow(from, midY, x - 6, y + NODE_H / 2, true));
                Progress.StepState state = states.get(id);
                cards.add(new Card(x, y, NODE_W, NODE_H, wrap(names.getOrDefault(id, "")), "Deeper dive (optional)"
                        + (state == Progress.StepState.EARNED ? " · ✓ Earned" : ""), "deeper-dive", null));
                y += NODE_H + GAP;
            }
            x += NODE_W;
        }
        // Deeper dives taller than the rules reach above the top: move everything down to fit.
        int minY = Math.min(top, midY - height / 2);
        int shift = MARGIN - minY;
        if (shift != 0) {
            boxes.replaceAll(b -> new Box(b.x(), b.y() + shift, b.w(), b.h(), b.title(), b.satisfied()));
            cards.replaceAll(c -> new Card(c.x(), c.y() + shift, c.w(), c.h(), c.lines(), c.detail(), c.cssClass(), c.state()));
            arrows.replaceAll(a -> new Arrow(a.x1(), a.y1() + shift, a.x2(), a.y2() + shift, a.dashed()));
        }
        int width = x + MARGIN;
        int totalHeight = Math.max(height, tree.h()) + 2 * MARGIN;
        return new Drawing(width, totalHeight, boxes, cards, arrows, "Map of the pathway " + pathwayName,
                describe(rules, states, capstone, deeperDives.size(), preview));
    }

    /** A learner's map: each step with its state in words, groups marked when satisfied. */
    public static Drawing of(Standing standing) {
        Map<UUID, String> names = new java.util.HashMap<>();
        Map<UUID, Progress.StepState> states = new java.util.HashMap<>();
        Map<UUID, String> details = new java.util.HashMap<>();
        for (Standing.Step s : standing.steps()) {
            names.put(s.achievementId(), s.name());
            states.put(s.achievementId(), s.state());
            details.put(s.achievementId(), stateLabel(s.state()) + (s.creditText().isEmpty() ? "" : " · " + s.creditText()));
        }
        Map<UUID, String> units = new java.util.HashMap<>();
        for (Standing.Step s : standing.deeperDives()) {
            names.put(s.achievementId(), s.name());
            states.put(s.achievementId(), s.state());
        }
        for (Standing.Step s : standing.steps()) {
            String text = s.creditText();
            if (!text.isEmpty()) units.put(s.achievementId(), text.substring(text.indexOf(' ') + 1));
        }
        Map<String, Boolean> satisfied = new java.util.HashMap<>();
        satisfaction(standing.root(), standing.pathway().rules(), "", satisfied);
        String capstone = standing.pathway().awardsCredential() ? standing.capstoneName() : null;
        String capstoneDetail = !standing.completed() ? "★ Capstone" : capstone == null ? "★ Capstone · ✓ Eligible" : "★ Capstone · ✓ Awarded";
        return layout(standing.pathway().name(), standing.pathway().rules(), names, id -> details.getOrDefault(id, ""), states, satisfied,
                units, capstone == null ? "Certification eligibility" : capstone, capstoneDetail, standing.pathway().deeperDives(), false);
    }

    /** The designer's preview of a working copy: no learner, so cards show the credits each step carries. */
    static Drawing preview(Pathway pathway, Map<UUID, StepCatalog.Info> infos) {
        Map<UUID, String> names = new java.util.HashMap<>();
        Map<UUID, String> units = new java.util.HashMap<>();
        infos.forEach((id, info) -> {
            names.put(id, info.name());
            if (info.creditType() != null) units.put(id, info.creditType());
        });
        String capstone = pathway.capstoneKind() == Pathway.CapstoneKind.ELIGIBILITY ? "Certification eligibility"
                : pathway.capstoneAchievementId() == null ? "Certificate (not chosen yet)" : StepCatalog.name(infos, pathway.capstoneAchievementId());
        return layout(pathway.name(), pathway.rules(), names, id -> {
            StepCatalog.Info info = infos.get(id);
            if (info == null) return "";
            return (info.published() ? "" : info.status().id() + " · ") + (info.creditText().isEmpty() ? "Micro-credential" : info.creditText());
        }, Map.of(), Map.of(), units, capstone, "★ Capstone", pathway.deeperDives(), true);
    }

    /** One line of the map's text alternative: a group with its parts, or a step with its state. */
    public record Line(String text, @Nullable UUID achievementId, @Nullable String state, @Nullable UUID awardId, String credits,
            List<Line> parts) {}

    /** The map in words, as nested lists: every group with its rule, every step with its state. */
    public static Line outline(Standing standing) {
        Map<UUID, Standing.Step> steps = new java.util.HashMap<>();
        standing.steps().forEach(st -> steps.put(st.achievementId(), st));
        return outline(standing.root(), standing.pathway().rules(), steps, standing);
    }

    private static Line outline(Progress.Node node, RuleTree.Rule rule, Map<UUID, Standing.Step> steps, Standing standing) {
        if (rule instanceof RuleTree.Step s) {
            Standing.Step st = steps.get(s.achievementId());
            return new Line(st.name(), st.achievementId(), st.stateLabel(), st.awardId(), st.creditText(), List.of());
        }
        List<Line> parts = new ArrayList<>();
        List<RuleTree.Rule> ruleParts = RuleTree.parts(rule);
        for (int i = 0; i < ruleParts.size(); i++) {
            Progress.Node partNode = rule instanceof RuleTree.Credits ? node : node.parts().get(i);
            parts.add(outline(partNode, ruleParts.get(i), steps, standing));
        }
        String unit = standing.creditGroups().stream().filter(g -> g.label().equals(RuleTree.label(rule))).map(Standing.CreditGroup::unit)
                .findFirst().orElse("credits");
        String text = RuleTree.label(rule) + " — " + RuleTree.ruleText(rule, unit) + (node.satisfied() ? " (done)" : " (" + node.percent() + "% done)");
        return new Line(text, null, null, null, "", parts);
    }

    private static void satisfaction(Progress.Node node, RuleTree.Rule rule, String path, Map<String, Boolean> into) {
        if (!RuleTree.isGroup(rule)) return;
        into.put(path, node.satisfied());
        if (rule instanceof RuleTree.Credits) return;
        List<RuleTree.Rule> parts = RuleTree.parts(rule);
        for (int i = 0; i < parts.size() && i < node.parts().size(); i++) {
            satisfaction(node.parts().get(i), parts.get(i), path.isEmpty() ? String.valueOf(i) : path + "." + i, into);
        }
    }

    private static String describe(RuleTree.Rule rules, Map<UUID, Progress.StepState> states, @Nullable String capstone,
            int dives, boolean preview) {
        int steps = rules.achievements().size();
        StringBuilder d = new StringBuilder().append(steps).append(steps == 1 ? " micro-credential" : " micro-credentials");
        if (!preview) {
            for (Progress.StepState s : Progress.StepState.values()) {
                long n = rules.achievements().stream().filter(id -> states.get(id) == s).count();
                if (n > 0) d.append(", ").append(n).append(' ').append(s.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
            }
        }
        d.append(capstone == null ? ", leading to certification eligibility" : ", leading to " + capstone);
        if (dives > 0) d.append(", followed by ").append(dives).append(dives == 1 ? " optional deeper dive" : " optional deeper dives");
        return d.append(". The list below the map gives every step in words.").toString();
    }

    private record Size(int w, int h) {}

    private static Size measure(RuleTree.Rule rule, boolean horizontal) {
        if (!RuleTree.isGroup(rule)) return new Size(NODE_W, NODE_H);
        List<RuleTree.Rule> parts = RuleTree.parts(rule);
        // Credit groups list their micro-credentials top to bottom, whatever the level.
        boolean across = horizontal && !(rule instanceof RuleTree.Credits);
        int w = 0;
        int h = 0;
        for (RuleTree.Rule part : parts) {
            Size s = measure(part, !across);
            if (across) {
                w += s.w();
                h = Math.max(h, s.h());
            } else {
                h += s.h();
                w = Math.max(w, s.w());
            }
        }
        int gaps = Math.max(0, parts.size() - 1) * GAP;
        if (across) w += gaps;
        else h += gaps;
        if (parts.isEmpty()) {
            w = NODE_W;
            h = NODE_H / 2;
        }
        return new Size(Math.max(w + 2 * PAD, NODE_W + 2 * PAD), h + 2 * PAD + HEADER);
    }

    private static void place(RuleTree.Rule rule, String path, int x, int y, boolean horizontal, Map<UUID, String> names,
            Function<UUID, String> detail, Map<UUID, Progress.StepState> states, Map<String, Boolean> satisfied,
            Map<UUID, String> units, boolean preview, List<Box> boxes, List<Card> cards) {
        if (rule instanceof RuleTree.Step s) {
            Progress.StepState state = preview ? null : states.getOrDefault(s.achievementId(), Progress.StepState.AVAILABLE);
            cards.add(new Card(x, y, NODE_W, NODE_H, wrap(names.getOrDefault(s.achievementId(), "")), detail.apply(s.achievementId()),
                    cssClass(state), state == null ? null : stateLabel(state)));
            return;
        }
        Size size = measure(rule, horizontal);
        String unit = "credits";
        if (rule instanceof RuleTree.Credits c) {
            List<String> types = c.from().stream().map(units::get).filter(java.util.Objects::nonNull).distinct().toList();
            if (types.size() == 1) unit = types.get(0);
        }
        boolean done = satisfied.getOrDefault(path, false);
        boxes.add(new Box(x, y, size.w(), size.h(), shorten(RuleTree.label(rule), 22) + " — " + RuleTree.ruleText(rule, unit) + (done ? " ✓" : ""), done));
        boolean across = horizontal && !(rule instanceof RuleTree.Credits);
        int cx = x + PAD;
        int cy = y + HEADER + PAD;
        List<RuleTree.Rule> parts = RuleTree.parts(rule);
        for (int i = 0; i < parts.size(); i++) {
            RuleTree.Rule part = parts.get(i);
            Size s = measure(part, !across);
            place(part, path.isEmpty() ? String.valueOf(i) : path + "." + i, cx, cy, !across, names, detail, states, satisfied, units,
                    preview, boxes, cards);
            if (across) cx += s.w() + GAP;
            else cy += s.h() + GAP;
        }
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    /** A name in at most two lines of about 26 characters, shortened with an ellipsis. */
    static List<String> wrap(String name) {
        int max = 26;
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : name.split("\\s+")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > max) {
                lines.add(line.toString());
                line = new StringBuilder();
                if (lines.size() == 2) break;
            }
            if (line.length() > 0) line.append(' ');
            line.append(word);
        }
        if (lines.size() < 2 && line.length() > 0) lines.add(line.toString());
        String joined = String.join(" ", lines);
        if (joined.length() < name.strip().length()) {
            String last = lines.get(lines.size() - 1);
            lines.set(lines.size() - 1, (last.length() > max - 1 ? last.substring(0, max - 1) : last) + "…");
        }
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).length() > max + 1) lines.set(i, lines.get(i).substring(0, max - 1) + "…");
        }
        return lines;
    }
}
