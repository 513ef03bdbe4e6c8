package io.guildmark.app.pathways;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.guildmark.app.organizations.Organization;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.organizations.Permission;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.CurrentActor;
import io.guildmark.app.shared.Decimals;
import io.guildmark.app.shared.FormActions;
import io.guildmark.app.shared.Problem;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Staff pages of pathways, under the organization's "Pathways" tab: the list, the editor (details, a form-based rule
 * tree editor that works without script, deeper dives, a preview of the map, publish and retire) and the statistics.
 */
@Controller
class PathwayStaffPages {

    private final Pathways pathways;
    private final PathwayAnalytics analytics;
    private final Eligibilities eligibilities;
    private final Organizations organizations;
    private final PathwayPrices prices;

    PathwayStaffPages(Pathways pathways, PathwayAnalytics analytics, Eligibilities eligibilities, Organizations organizations, PathwayPrices prices) {
        this.pathways = pathways;
        this.prices = prices;
        this.analytics = analytics;
        this.eligibilities = eligibilities;
        this.organizations = organizations;
    }

    /** A micro-credential to choose in a form. */
    record Choice(UUID id, String label, boolean published) {}

    /** One node of the tree as the editor shows it, with its children. */
    record EditorNode(String path, String kind, String title, @Nullable String detail, boolean group, boolean first, boolean last,
            String label, @Nullable Integer count, @Nullable BigDecimal minimum, List<EditorNode> children) {

        public boolean credits() {
            return "credits".equals(kind);
        }
    }

    @GetMapping("/organizations/{slug}/pathways")
    String list(@PathVariable String slug, Model model) {
        Actor actor = CurrentActor.get();
        Organization org = organizations.require(actor, slug, Permission.VIEW);
        model.addAttribute("org", org);
        model.addAttribute("tab", "pathways");
        model.addAttribute("pathways", pathways.list(actor, slug));
        model.addAttribute("canDesign", pathways.mayDesign(actor, org.id()));
        model.addAttribute("choices", choices(pathways.choices(actor, slug)));
        return "pathways/staff-list";
    }

    @PostMapping("/organizations/{slug}/pathways")
    String create(@PathVariable String slug, @RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String description,
            @RequestParam(defaultValue = "") String capstoneKind, @RequestParam(defaultValue = "") String capstoneAchievementId,
            RedirectAttributes redirect) {
        try {
            Pathway p = pathways.create(CurrentActor.get(), slug, details(name, description, capstoneKind, capstoneAchievementId));
            redirect.addFlashAttribute("notice", "Created \"" + p.name() + "\". Add its steps below.");
            return "redirect:/organizations/" + slug + "/pathways/" + p.id();
        } catch (Problem problem) {
            if (problem.kind() == Problem.Kind.NOT_FOUND || problem.kind() == Problem.Kind.FORBIDDEN) throw problem;
            redirect.addFlashAttribute("error", problem.getMessage());
            return "redirect:/organizations/" + slug + "/pathways";
        }
    }

    @GetMapping("/organizations/{slug}/pathways/{id}")
    String edit(@PathVariable String slug, @PathVariable UUID id, Model model) {
        Actor actor = CurrentActor.get();
        Organization org = organizations.require(actor, slug, Permission.VIEW);
        Pathway p = pathways.get(actor, slug, id);
        Map<UUID, StepCatalog.Info> catalog = pathways.choices(actor, slug);
        model.addAttribute("org", org);
        model.addAttribute("tab", "pathways");
        model.addAttribute("pathway", p);
        model.addAttribute("canDesign", pathways.mayDesign(actor, org.id()));
        model.addAttribute("versions", pathways.versions(actor, slug, id));
        model.addAttribute("prices", prices.get(actor, slug, id));
        model.addAttribute("tree", node(p.rules(), "", true, true, catalog));
        model.addAttribute("drawing", PathwayMap.preview(p, catalog));
        List<Choice> all = choices(catalog);
        model.addAttribute("choices", all);
        model.addAttribute("stepChoices", all.stream().filter(c -> !c.id().equals(p.capstoneAchievementId()) && !p.deeperDives().contains(c.id())).toList());
        model.addAttribute("diveChoices", all.stream().filter(c -> !c.id().equals(p.capstoneAchievementId()) && !p.rules().achievements().contains(c.id())).toList());
        return "pathways/staff-edit";
    }

    @PostMapping("/organizations/{slug}/pathways/{id}/details")
    String details(@PathVariable String slug, @PathVariable UUID id, @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String description, @RequestParam(defaultValue = "") String capstoneKind,
            @RequestParam(defaultValue = "") String capstoneAchievementId, RedirectAttributes redirect) {
        FormActions.attempt(redirect, () -> {
            pathways.updateDetails(CurrentActor.get(), slug, id, details(name, description, capstoneKind, capstoneAchievementId));
            return "Saved the details.";
        });
        return back(slug, id);
    }

    /** Member and non-member prices, and prices per member type as lines "student = 99.00"; every bad entry is named. */
    @PostMapping("/organizations/{slug}/pathways/{id}/prices")
    String prices(@PathVariable String slug, @PathVariable UUID id, @RequestParam(defaultValue = "") String memberPrice,
            @RequestParam(defaultValue = "") String nonMemberPrice, @RequestParam(defaultValue = "") String currency,
            @RequestParam(defaultValue = "") String memberTypePrices, RedirectAttributes redirect) {
        FormActions.attempt(redirect, () -> {
            String[] lines = memberTypePrices.split("\\R");
            if (lines.length > PathwayPrices.MAX_TYPES + 5 || memberTypePrices.length() > 5_000 || memberPrice.length() > 40
                    || nonMemberPrice.length() > 40 || currency.length() > 10) {
                throw Problem.invalidField("memberTypePrices", "Set prices for at most " + PathwayPrices.MAX_TYPES + " member types.");
            }
            Map<String, String> byType = new java.util.LinkedHashMap<>();
            for (String line : lines) {
                if (line.isBlank()) continue;
                int eq = line.indexOf('=');
                if (eq < 0) throw Problem.invalidField("memberTypePrices", "Write each line as \"member type = price\", such as \"student = 99.00\".");
                String type = line.substring(0, eq).strip().toLowerCase(java.util.Locale.ROOT);
                if (byType.containsKey(type)) throw Problem.invalidField("memberTypePrices", "The member type \"" + type + "\" is listed twice.");
                byType.put(type, line.substring(eq + 1).strip());
            }
            PathwayPrices.Prices saved = prices.save(CurrentActor.get(), slug, id,
                    new PathwayPrices.Draft(memberPrice, nonMemberPrice, currency, byType));
            return saved.priced() ? "Prices saved: learners pay to start this pathway." : "Saved: this pathway is free to start.";
        });
        return back(slug, id);
    }

    @PostMapping("/organizations/{slug}/pathways/{id}/rules/add-step")
    String addStep(@PathVariable String slug, @PathVariable UUID id, @RequestParam(defaultValue = "") String group,
            @RequestParam(defaultValue = "") String achievementId, RedirectAttributes redirect) {
        return edit(slug, id, redirect, "Added the micro-credential.", () -> new RuleTree.AddStep(group, uuid("achievementId", achievementId)));
    }

    @PostMapping("/organizations/{slug}/pathways/{id}/rules/add-group")
    String addGroup(@PathVariable String slug, @PathVariable UUID id, @RequestParam(defaultValue = "") String group,
            @RequestParam(defaultValue = "") String kind, @RequestParam(defaultValue = "") String label,
            @RequestParam(defaultValue = "") String count, @RequestParam(defaultValue = "") String minimum, RedirectAttributes redirect) {
        return edit(slug, id, redirect, "Added the group \"" + label.strip() + "\".",
                () -> new RuleTree.AddGroup(group, group(kind, label, count, minimum)));
    }

    @PostMapping("/organizations/{slug}/pathways/{id}/rules/change-group")
    String changeGroup(@PathVariable String slug, @PathVariable UUID id, @RequestParam(defaultValue = "") String group,
            @RequestParam(defaultValue = "") String kind, @RequestParam(defaultValue = "") String label,
            @RequestParam(defaultValue = "") String count, @RequestParam(defaultValue = "") String minimum, RedirectAttributes redirect) {
        return edit(slug, id, redirect, "Changed the group \"" + label.strip() + "\".", () -> {
            RuleTree.Rule replacement = group(kind, label, count, minimum);
            if (replacement instanceof RuleTree.Credits c) {
                // What counts stays as it is; micro-credentials are added and removed one by one.
                Pathway current = pathways.get(CurrentActor.get(), slug, id);
                RuleTree.Rule existing = RuleTree.at(current.rules(), group);
                replacement = new RuleTree.Credits(c.label(), c.minimum(), existing instanceof RuleTree.Credits e ? e.from() : List.of());
            }
            return new RuleTree.ChangeGroup(group, replacement);
        });
    }

    @PostMapping("/organizations/{slug}/pathways/{id}/rules/remove")
    String remove(@PathVariable String slug, @PathVariable UUID id, @RequestParam(defaultValue = "") String node, RedirectAttributes redirect) {
        return edit(slug, id, redirect, "Removed.", () -> new RuleTree.Remove(node));
    }

    @PostMapping("/organizations/{slug}/pathways/{id}/rules/move")
    String move(@PathVariable String slug, @PathVariable UUID id, @RequestParam(defaultValue = "") String node,
            @RequestParam(defaultValue = "0") String by, RedirectAttributes redirect) {
        return edit(slug, id, redirect, "Moved.", () -> new RuleTree.Move(node, "-1".equals(by) ? -1 : 1));
    }

    @PostMapping("/organizations/{slug}/pathways/{id}/deeper-dives")
    String deeperDives(@PathVariable String slug, @PathVariable UUID id, @RequestParam(required = false) List<String> achievementId,
            RedirectAttributes redirect) {
        FormActions.attempt(redirect, () -> {
            List<UUID> ids = new ArrayList<>();
            if (achievementId != null) for (String a : achievementId) ids.add(uuid("deeperDives", a));
            pathways.setDeeperDives(CurrentActor.get(), slug, id, ids);
            return ids.isEmpty() ? "No deeper dives." : "Saved the deeper dives.";
        });
        return back(slug, id);
    }

    @PostMapping("/organizations/{slug}/pathways/{id}/publish")
    String publish(@PathVariable String slug, @PathVariable UUID id, RedirectAttributes redirect) {
        FormActions.attempt(redirect, () -> "Published version " + pathways.publish(CurrentActor.get(), slug, id).version()
                + ". Learners who already qualify are being checked now; learners on earlier versions stay on theirs.");
        return back(slug, id);
    }

    @PostMapping("/organizations/{slug}/pathways/{id}/retire")
    String retire(@PathVariable String slug, @PathVariable UUID id, RedirectAttributes redirect) {
        FormActions.attempt(redirect, () -> {
            pathways.retire(CurrentActor.get(), slug, id);
            return "Retired: no one new can start it; learners on it can still finish.";
        });
        return back(slug, id);
    }

    @PostMapping("/organizations/{slug}/pathways/{id}/delete")
    String delete(@PathVariable String slug, @PathVariable UUID id, RedirectAttributes redirect) {
        try {
            pathways.delete(CurrentActor.get(), slug, id);
            redirect.addFlashAttribute("notice", "Deleted the draft.");
            return "redirect:/organizations/" + slug + "/pathways";
        } catch (Problem problem) {
            if (problem.kind() == Problem.Kind.NOT_FOUND || problem.kind() == Problem.Kind.FORBIDDEN) throw problem;
            redirect.addFlashAttribute("error", problem.getMessage());
            return back(slug, id);
        }
    }

    @GetMapping("/organizations/{slug}/pathways/{id}/analytics")
    String analytics(@PathVariable String slug, @PathVariable UUID id, Model model) {
        Actor actor = CurrentActor.get();
        Organization org = organizations.require(actor, slug, Permission.VIEW);
        model.addAttribute("org", org);
        model.addAttribute("tab", "pathways");
        model.addAttribute("report", analytics.of(actor, slug, id));
        // Who is eligible names learners: only staff who may see learners get the list (reviewers stay blind).
        model.addAttribute("eligibilities", organizations.allowed(actor, org.id(), Permission.SEE_LEARNERS)
                ? eligibilities.ofPathway(actor, slug, id) : java.util.List.of());
        model.addAttribute("canIssue", organizations.allowed(actor, org.id(), Permission.ISSUE));
        model.addAttribute("dropOffDays", PathwayAnalytics.DROP_OFF.toDays());
        return "pathways/staff-analytics";
    }

    @PostMapping("/organizations/{slug}/pathways/{id}/eligibilities/{eligibilityId}/withdraw")
    String withdraw(@PathVariable String slug, @PathVariable UUID id, @PathVariable UUID eligibilityId,
            @RequestParam(defaultValue = "") String reason, RedirectAttributes redirect) {
        FormActions.attempt(redirect, () -> {
            Eligibilities.Eligibility e = eligibilities.withdraw(CurrentActor.get(), slug, eligibilityId, reason);
            return "Withdrew the eligibility of " + e.name() + ". Its record and letter now say so.";
        });
        return "redirect:/organizations/" + slug + "/pathways/" + id + "/analytics";
    }

    // ---- Helpers ----------------------------------------------------------------------------------------------------

    private String edit(String slug, UUID id, RedirectAttributes redirect, String message, java.util.function.Supplier<RuleTree.Edit> edit) {
        FormActions.attempt(redirect, () -> {
            pathways.editRules(CurrentActor.get(), slug, id, edit.get());
            return message;
        });
        return back(slug, id);
    }

    private static String back(String slug, UUID id) {
        return "redirect:/organizations/" + slug + "/pathways/" + id;
    }

    private static Pathways.Details details(String name, String description, String capstoneKind, String capstoneAchievementId) {
        Pathway.CapstoneKind kind = switch (capstoneKind) {
            case "credential" -> Pathway.CapstoneKind.CREDENTIAL;
            case "eligibility" -> Pathway.CapstoneKind.ELIGIBILITY;
            default -> throw Problem.invalidField("capstoneKind", "Choose what finishing the pathway leads to.");
        };
        UUID capstone = kind == Pathway.CapstoneKind.CREDENTIAL && !capstoneAchievementId.isBlank() ? uuid("capstoneAchievementId", capstoneAchievementId) : null;
        return new Pathways.Details(name, description, kind, capstone);
    }

    /** A group from the editor's fields, checked; its parts are kept by the edit. */
    private static RuleTree.Rule group(String kind, String label, String count, String minimum) {
        String name = label.strip();
        Integer n = null;
        BigDecimal min = null;
        try {
            if (!count.isBlank()) n = Integer.valueOf(count.strip());
        } catch (NumberFormatException e) {
            throw Problem.invalidField("count", "Say how many parts are needed, as a whole number.");
        }
        try {
            if (!minimum.isBlank()) min = Decimals.parse(minimum);
        } catch (NumberFormatException e) {
            throw Problem.invalidField("minimum", "Say how many credits are needed, as a number.");
        }
        var errors = RuleTree.checkGroupFields(name, n, min, kind);
        if (!errors.isEmpty()) throw Problem.invalidFields(errors);
        return switch (kind) {
            case "allOf" -> new RuleTree.AllOf(name, List.of());
            case "atLeast" -> new RuleTree.AtLeast(name, n, List.of());
            case "credits" -> new RuleTree.Credits(name, min, List.of());
            default -> throw Problem.invalidField("kind", "Choose the kind of group: all of, at least some of, or credits from.");
        };
    }

    private static UUID uuid(String field, String value) {
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw Problem.invalidField(field, "Choose a micro-credential from the list.");
        }
    }

    private static List<Choice> choices(Map<UUID, StepCatalog.Info> catalog) {
        return catalog.values().stream().map(i -> new Choice(i.id(), i.name() + (i.creditText().isEmpty() ? "" : " (" + i.creditText() + ")")
                + (i.published() ? "" : " — " + i.status().id()), i.published())).toList();
    }

    private static EditorNode node(RuleTree.Rule rule, String path, boolean first, boolean last, Map<UUID, StepCatalog.Info> catalog) {
        if (rule instanceof RuleTree.Step s) {
            StepCatalog.Info info = catalog.get(s.achievementId());
            return new EditorNode(path, "earn", StepCatalog.name(catalog, s.achievementId()),
                    info == null ? null : (info.creditText().isEmpty() ? "" : info.creditText()) + (info.published() ? "" : " · " + info.status().id()),
                    false, first, last, "", null, null, List.of());
        }
        List<RuleTree.Rule> parts = RuleTree.parts(rule);
        List<EditorNode> children = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            children.add(node(parts.get(i), path.isEmpty() ? String.valueOf(i) : path + "." + i, i == 0, i == parts.size() - 1, catalog));
        }
        String kind = rule instanceof RuleTree.AllOf ? "allOf" : rule instanceof RuleTree.AtLeast ? "atLeast" : "credits";
        String unit = StepCatalog.creditUnit(rule, catalog);
        return new EditorNode(path, kind, RuleTree.label(rule) + " — " + RuleTree.ruleText(rule, unit), null, true, first, last,
                RuleTree.label(rule), rule instanceof RuleTree.AtLeast a ? a.count() : null, rule instanceof RuleTree.Credits c ? c.minimum() : null,
                children);
    }
}
