package io.guildmark.app.earning;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.guildmark.app.catalog.AchievementDesign;
import io.guildmark.app.catalog.Achievements;
import io.guildmark.app.catalog.EarningRequirement;
import io.guildmark.app.earning.model.EarningDesign;
import io.guildmark.app.earning.model.Question;
import io.guildmark.app.earning.model.Rubric;
import io.guildmark.app.organizations.Organization;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.organizations.Permission;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.CurrentActor;
import io.guildmark.app.shared.FieldErrors;
import io.guildmark.app.shared.GuildmarkSettings;
import io.guildmark.app.shared.Problem;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The earning design editor at {@code /organizations/{slug}/catalog/{id}/earning}: the rubric as a table of criteria
 * and levels, the question bank and its rules, the work product and its review, a demonstration, a course, and
 * prerequisites. Designers only: the question bank holds the answers. Rows are added and removed by server-side
 * buttons, so the form works without JavaScript; every save is a new version.
 */
@Controller
class DesignPages {

    private final EarningDesigns designs;
    private final Achievements achievements;
    private final Organizations organizations;
    private final DesignHistory history;
    private final GuildmarkSettings settings;

    DesignPages(EarningDesigns designs, Achievements achievements, Organizations organizations, DesignHistory history,
            GuildmarkSettings settings) {
        this.designs = designs;
        this.achievements = achievements;
        this.organizations = organizations;
        this.history = history;
        this.settings = settings;
    }

    @InitBinder("form")
    void binder(WebDataBinder binder) {
        binder.setAutoGrowCollectionLimit(EarningDesign.MAX_QUESTIONS + 1);
    }

    @GetMapping("/organizations/{slug}/catalog/{id}/earning")
    String edit(@PathVariable String slug, @PathVariable UUID id, Model model) {
        Organization org = organizations.require(me(), slug, Permission.DESIGN);
        AchievementDesign achievement = achievements.get(me(), slug, id);
        EarningDesigns.Versioned current = designs.current(me(), slug, id);
        return page(org, achievement, current, DesignForm.of(current.design()).withSpareRows(), Map.of(), null, model);
    }

    @PostMapping("/organizations/{slug}/catalog/{id}/earning")
    String save(@PathVariable String slug, @PathVariable UUID id, @ModelAttribute("form") DesignForm form,
            @RequestParam(required = false) @Nullable String addCriterion, @RequestParam(required = false) @Nullable String removeCriterion,
            @RequestParam(required = false) @Nullable String addLevel, @RequestParam(required = false) @Nullable String removeLevel,
            @RequestParam(required = false) @Nullable String addQuestion, @RequestParam(required = false) @Nullable String removeQuestion,
            Model model, RedirectAttributes redirect) {
        Organization org = organizations.require(me(), slug, Permission.DESIGN);
        AchievementDesign achievement = achievements.get(me(), slug, id);
        EarningDesigns.Versioned current = designs.current(me(), slug, id);
        Set<String> earlierIds = questionIds(current.design());

        String focus = null;
        if (addCriterion != null) focus = form.addCriterion();
        else if (removeCriterion != null) focus = form.removeCriterion(index(removeCriterion));
        else if (addLevel != null) focus = form.addLevel(index(addLevel));
        else if (removeLevel != null) {
            String[] at = removeLevel.split("-", 2);
            focus = form.removeLevel(index(at[0]), at.length == 2 ? index(at[1]) : -1);
        } else if (addQuestion != null) focus = form.addQuestion(addQuestion, earlierIds);
        else if (removeQuestion != null) focus = form.removeQuestion(index(removeQuestion));
        if (focus != null) return page(org, achievement, current, form, Map.of(), focus, model);

        try {
            Map<String, String> readErrors = new LinkedHashMap<>();
            EarningDesign design = form.toInput(readErrors).toDesign(rubricId(settings, id), earlierIds, readErrors);
            EarningDesigns.Versioned saved = designs.save(me(), slug, id, design);
            redirect.addFlashAttribute("notice", "Saved as version " + saved.version() + ". Learners who enroll from now on "
                    + "earn it this way; learners already enrolled keep the version they started with.");
            return "redirect:/organizations/" + slug + "/catalog/" + id + "/earning";
        } catch (Problem problem) {
            if (problem.kind() != Problem.Kind.INVALID) throw problem;
            // Field errors are listed in the form's summary; only a problem without fields needs the banner.
            if (problem.fieldErrors().isEmpty()) model.addAttribute("error", "Nothing was saved: " + problem.getMessage());
            return page(org, achievement, current, form.withSpareRows(), FieldErrors.of(problem), null, model);
        }
    }

    private String page(Organization org, AchievementDesign achievement, EarningDesigns.Versioned current, DesignForm form,
            Map<String, String> errors, @Nullable String focus, Model model) {
        model.addAttribute("org", org);
        model.addAttribute("tab", "catalog");
        model.addAttribute("achievement", achievement);
        model.addAttribute("pageTitle", "How it is earned: " + achievement.definition().name());
        model.addAttribute("form", form);
        model.addAttribute("fieldErrors", errors);
        model.addAttribute("focus", focus == null ? "" : fieldId(focus));
        model.addAttribute("version", current.version());
        model.addAttribute("saved", history.saved(achievement.id(), current.version()).orElse(null));
        model.addAttribute("savedRubric", current.design().rubric());
        model.addAttribute("savedColumns", current.design().rubric() == null ? List.of() : columns(current.design().rubric()));
        model.addAttribute("fileTypes", DesignForm.fileTypeChoices());
        model.addAttribute("questionTypes", DesignInput.QUESTION_TYPES.stream()
                .map(t -> Map.entry(t, DesignForm.QUESTION_TYPE_LABELS.get(t))).toList());
        model.addAttribute("others", achievements.list(me(), org.slug()).stream().filter(a -> !a.id().equals(achievement.id())).toList());
        model.addAttribute("mismatches", mismatches(achievement.definition().requirements(), form.methodIds()));
        return "earning/design";
    }

    /**
     * Where the catalog entry's list of requirements (what learners read) and this design (what they are asked to do)
     * disagree, in words.
     */
    static List<String> mismatches(List<EarningRequirement> listed, List<String> configured) {
        Set<String> kinds = new HashSet<>();
        listed.forEach(r -> kinds.add(r.kind()));
        List<String> found = new ArrayList<>();
        for (EarningDesign.Method method : EarningDesign.Method.values()) {
            boolean isListed = kinds.contains(method.id());
            boolean isConfigured = configured.contains(method.id());
            if (isListed && !isConfigured) {
                found.add("The catalog entry lists \"" + method.label() + "\" as a requirement, but this design does not set it up.");
            } else if (isConfigured && !isListed) {
                found.add("This design asks for \"" + method.label() + "\", which the catalog entry's requirements do not mention.");
            }
        }
        return found;
    }

    /** The rubric table's column headings: the level names when every criterion shares them, else their positions. */
    static List<String> columns(Rubric rubric) {
        List<List<String>> names = rubric.criteria().stream()
                .map(c -> c.levels().stream().map(Rubric.Level::name).toList()).distinct().toList();
        if (names.size() == 1) return names.get(0);
        int most = names.stream().mapToInt(List::size).max().orElse(0);
        List<String> columns = new ArrayList<>();
        for (int n = 1; n <= most; n++) columns.add("Level " + n + (n == 1 ? " (lowest)" : n == most ? " (highest)" : ""));
        return columns;
    }

    /** A provisional rubric id; saving gives each version's rubric its own address, {@code …/rubrics/{version}}. */
    static String rubricId(GuildmarkSettings settings, UUID achievementId) {
        return settings.url("/achievements/" + achievementId + "/rubric");
    }

    static Set<String> questionIds(EarningDesign design) {
        Set<String> ids = new HashSet<>();
        if (design.assessment() != null) design.assessment().questions().stream().map(Question::id).forEach(ids::add);
        return ids;
    }

    /** The id the templates give the field with this key. */
    private static String fieldId(String key) {
        return "f-" + key.replaceAll("[^A-Za-z0-9]+", "-");
    }

    private static int index(String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Actor me() {
        return CurrentActor.get();
    }
}
