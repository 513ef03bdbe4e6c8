package io.guildmark.app.catalog;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.guildmark.app.organizations.Organization;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.organizations.Permission;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.CurrentActor;
import io.guildmark.app.shared.FieldErrors;
import io.guildmark.app.shared.FormActions;
import io.guildmark.app.shared.Problem;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The catalog editor under {@code /organizations/{slug}/catalog}: the list with statuses and versions, the form (with
 * server-side "add another alignment / requirement" buttons, so it works without JavaScript), publish, retire and
 * delete, the badge image, the version history, and export and import.
 */
@Controller
class CatalogEditorPages {

    private final Achievements achievements;
    private final Organizations organizations;
    private final MemberTypePrices memberTypePrices;

    CatalogEditorPages(Achievements achievements, Organizations organizations, MemberTypePrices memberTypePrices) {
        this.achievements = achievements;
        this.memberTypePrices = memberTypePrices;
        this.organizations = organizations;
    }

    @InitBinder("form")
    void binder(WebDataBinder binder) {
        binder.setAutoGrowCollectionLimit(AchievementDefinition.MAX_ALIGNMENTS + 1);
        binder.setDisallowedFields("id", "organizationId");
    }

    @GetMapping("/organizations/{slug}/catalog")
    String list(@PathVariable String slug, Model model) {
        Organization org = organizations.require(me(), slug, Permission.VIEW);
        model.addAttribute("org", org);
        model.addAttribute("tab", "catalog");
        model.addAttribute("items", achievements.list(me(), slug));
        model.addAttribute("canDesign", achievements.mayDesign(me(), org.id()));
        return "catalog/editor-list";
    }

    @GetMapping("/organizations/{slug}/catalog/new")
    String newForm(@PathVariable String slug, Model model) {
        Organization org = organizations.require(me(), slug, Permission.DESIGN);
        return form(org, null, new AchievementForm().withSpareRows(), Map.of(), model);
    }

    @PostMapping("/organizations/{slug}/catalog/new")
    String create(@PathVariable String slug, @ModelAttribute("form") AchievementForm form,
            @RequestParam(required = false) @Nullable String addAlignment, @RequestParam(required = false) @Nullable String addRequirement,
            @RequestParam(required = false) @Nullable Integer removeAlignment, @RequestParam(required = false) @Nullable Integer removeRequirement,
            Model model, RedirectAttributes redirect) {
        Organization org = organizations.require(me(), slug, Permission.DESIGN);
        if (rowsChanged(form, addAlignment, addRequirement, removeAlignment, removeRequirement)) return form(org, null, form, Map.of(), model);
        try {
            AchievementDesign created = achievements.create(me(), slug, form.toDefinition());
            redirect.addFlashAttribute("notice", "Draft saved. Publish it when it is ready for learners.");
            return "redirect:/organizations/" + slug + "/catalog/" + created.id();
        } catch (Problem problem) {
            if (problem.kind() != Problem.Kind.INVALID) throw problem;
            // Field errors are listed in the form's summary; only a problem without fields needs the banner.
            if (problem.fieldErrors().isEmpty()) model.addAttribute("error", "Nothing was saved: " + problem.getMessage());
            return form(org, null, form.withSpareRows(), FieldErrors.of(problem), model);
        }
    }

    @GetMapping("/organizations/{slug}/catalog/{id}")
    String edit(@PathVariable String slug, @PathVariable UUID id, Model model) {
        Organization org = organizations.require(me(), slug, Permission.VIEW);
        AchievementDesign design = achievements.get(me(), slug, id);
        return form(org, design, AchievementForm.of(design.definition()).withSpareRows(), Map.of(), model);
    }

    @PostMapping("/organizations/{slug}/catalog/{id}")
    String save(@PathVariable String slug, @PathVariable UUID id, @ModelAttribute("form") AchievementForm form,
            @RequestParam(required = false) @Nullable String addAlignment, @RequestParam(required = false) @Nullable String addRequirement,
            @RequestParam(required = false) @Nullable Integer removeAlignment, @RequestParam(required = false) @Nullable Integer removeRequirement,
            Model model, RedirectAttributes redirect) {
        Organization org = organizations.require(me(), slug, Permission.DESIGN);
        AchievementDesign design = achievements.get(me(), slug, id);
        if (rowsChanged(form, addAlignment, addRequirement, removeAlignment, removeRequirement)) return form(org, design, form, Map.of(), model);
        try {
            AchievementDesign saved = achievements.update(me(), slug, id, form.toDefinition());
            redirect.addFlashAttribute("notice", saved.status() == AchievementStatus.DRAFT || !saved.unpublishedChanges()
                    ? "Saved." : "Saved. Learners keep seeing version " + saved.latestVersion() + " until you publish again.");
            return "redirect:/organizations/" + slug + "/catalog/" + id;
        } catch (Problem problem) {
            if (problem.kind() != Problem.Kind.INVALID) throw problem;
            // Field errors are listed in the form's summary; only a problem without fields needs the banner.
            if (problem.fieldErrors().isEmpty()) model.addAttribute("error", "Nothing was saved: " + problem.getMessage());
            return form(org, design, form.withSpareRows(), FieldErrors.of(problem), model);
        }
    }

    @PostMapping("/organizations/{slug}/catalog/{id}/publish")
    String publish(@PathVariable String slug, @PathVariable UUID id, RedirectAttributes redirect) {
        return lifecycle(slug, id, redirect, () -> {
            AchievementDesign published = achievements.publish(me(), slug, id);
            return "Published as version " + published.latestVersion() + ". It is listed in the public catalog.";
        });
    }

    @PostMapping("/organizations/{slug}/catalog/{id}/retire")
    String retire(@PathVariable String slug, @PathVariable UUID id, RedirectAttributes redirect) {
        return lifecycle(slug, id, redirect, () -> {
            achievements.retire(me(), slug, id);
            return "Retired. It is no longer listed or awarded; badges already earned still resolve.";
        });
    }

    @PostMapping("/organizations/{slug}/catalog/{id}/delete")
    String delete(@PathVariable String slug, @PathVariable UUID id, RedirectAttributes redirect) {
        try {
            AchievementDesign design = achievements.get(me(), slug, id);
            achievements.delete(me(), slug, id);
            redirect.addFlashAttribute("notice", "Deleted the draft \"" + design.definition().name() + "\".");
            return "redirect:/organizations/" + slug + "/catalog";
        } catch (Problem problem) {
            if (problem.kind() != Problem.Kind.CONFLICT) throw problem;
            redirect.addFlashAttribute("error", problem.getMessage());
            return "redirect:/organizations/" + slug + "/catalog/" + id;
        }
    }

    @PostMapping("/organizations/{slug}/catalog/{id}/image")
    String uploadImage(@PathVariable String slug, @PathVariable UUID id, @RequestParam("image") MultipartFile image,
            RedirectAttributes redirect) throws IOException {
        byte[] content = image.getSize() > io.guildmark.app.shared.UploadedImages.MAX_BYTES ? null : image.getBytes();
        FormActions.attempt(redirect, () -> {
            if (content == null) throw Problem.tooLarge("The badge image is larger than 2 MB; upload a smaller image.");
            achievements.setImage(me(), slug, id, content);
            return "The badge image is updated.";
        });
        return "redirect:/organizations/" + slug + "/catalog/" + id;
    }

    /** The prices per member type, as lines "student = 99.00"; every bad line is named and nothing changes. */
    @PostMapping("/organizations/{slug}/catalog/{id}/member-type-prices")
    String memberTypePrices(@PathVariable String slug, @PathVariable UUID id, @RequestParam(defaultValue = "") String prices,
            RedirectAttributes redirect) {
        FormActions.attempt(redirect, () -> {
            Map<String, String> entries = new java.util.LinkedHashMap<>();
            String[] lines = prices.split("\\R");
            if (lines.length > MemberTypePrices.MAX_TYPES + 5 || prices.length() > 5_000) {
                throw Problem.invalidField("prices", "Set prices for at most " + MemberTypePrices.MAX_TYPES + " member types.");
            }
            for (String line : lines) {
                if (line.isBlank()) continue;
                int eq = line.indexOf('=');
                if (eq < 0) throw Problem.invalidField("prices", "Write each line as \"member type = price\", such as \"student = 99.00\".");
                String type = line.substring(0, eq).strip();
                if (entries.containsKey(type.toLowerCase(java.util.Locale.ROOT))) {
                    throw Problem.invalidField("prices", "The member type \"" + type + "\" is listed twice.");
                }
                entries.put(type.toLowerCase(java.util.Locale.ROOT), line.substring(eq + 1).strip());
            }
            memberTypePrices.replace(me(), slug, id, entries);
            return entries.isEmpty() ? "Prices per member type removed." : "Prices per member type saved.";
        });
        return "redirect:/organizations/" + slug + "/catalog/" + id;
    }

    @GetMapping("/organizations/{slug}/catalog/{id}/image")
    ResponseEntity<byte[]> image(@PathVariable String slug, @PathVariable UUID id) {
        return ImageResponses.of(achievements.designImage(me(), slug, id).orElseThrow(() -> Problem.notFound("The image")));
    }

    @GetMapping("/organizations/{slug}/catalog/export")
    ResponseEntity<String> export(@PathVariable String slug, @RequestParam(defaultValue = "json") String format) {
        return CatalogApi.exportResponse(slug, format, achievements.exportItems(me(), slug));
    }

    @PostMapping("/organizations/{slug}/catalog/import")
    String importFile(@PathVariable String slug, @RequestParam("file") MultipartFile file, Model model,
            RedirectAttributes redirect) throws IOException {
        achievements.requireDesigner(me(), slug);
        try {
            byte[] content = file.getBytes();
            List<AchievementDefinition> definitions = CatalogApi.parseImport(looksLikeJson(content) ? "application/json" : "text/csv", content);
            List<AchievementDesign> created = achievements.importDrafts(me(), slug, definitions);
            redirect.addFlashAttribute("notice", "Imported " + created.size() + " micro-credential" + (created.size() == 1 ? "" : "s") + " as drafts.");
            return "redirect:/organizations/" + slug + "/catalog";
        } catch (Problem problem) {
            if (problem.kind() == Problem.Kind.NOT_FOUND || problem.kind() == Problem.Kind.FORBIDDEN) throw problem;
            model.addAttribute("importMessage", problem.getMessage());
            model.addAttribute("importErrors", problem.fieldErrors().stream().map(Problem.FieldError::message).toList());
            return list(slug, model);
        }
    }

    private String lifecycle(String slug, UUID id, RedirectAttributes redirect, java.util.function.Supplier<String> action) {
        FormActions.attempt(redirect, action);
        return "redirect:/organizations/" + slug + "/catalog/" + id;
    }

    private String form(Organization org, @Nullable AchievementDesign design, AchievementForm form, Map<String, String> errors, Model model) {
        model.addAttribute("org", org);
        model.addAttribute("tab", "catalog");
        model.addAttribute("design", design);
        model.addAttribute("pageTitle", design == null ? "New micro-credential" : design.definition().name());
        model.addAttribute("form", form);
        model.addAttribute("fieldErrors", errors);
        model.addAttribute("canDesign", achievements.mayDesign(me(), org.id()));
        model.addAttribute("types", AchievementDefinition.ACHIEVEMENT_TYPES);
        model.addAttribute("targetTypes", AchievementDefinition.ALIGNMENT_TARGET_TYPES);
        model.addAttribute("creditTypes", AchievementDefinition.CREDIT_TYPES);
        model.addAttribute("requirementKinds", EarningRequirement.KINDS);
        model.addAttribute("memberTypePrices", design == null ? ""
                : MemberTypePrices.asText(memberTypePrices.list(me(), org.slug(), design.id()), design.definition().currency()));
        model.addAttribute("versions", design == null || design.latestVersion() == 0 ? List.of()
                : achievements.versions(me(), org.slug(), design.id()));
        return "catalog/editor-form";
    }

    /** Handles the add/remove row buttons: the form comes back with the rows changed and nothing saved. */
    private static boolean rowsChanged(AchievementForm form, @Nullable String addAlignment, @Nullable String addRequirement,
            @Nullable Integer removeAlignment, @Nullable Integer removeRequirement) {
        if (addAlignment != null) {
            if (form.getAlignments().size() < AchievementDefinition.MAX_ALIGNMENTS) form.getAlignments().add(new AchievementForm.AlignmentRow());
            return true;
        }
        if (addRequirement != null) {
            if (form.getRequirements().size() < AchievementDefinition.MAX_REQUIREMENTS) form.getRequirements().add(new AchievementForm.RequirementRow());
            return true;
        }
        if (removeAlignment != null) {
            if (removeAlignment >= 0 && removeAlignment < form.getAlignments().size()) form.getAlignments().remove((int) removeAlignment);
            form.withSpareRows();
            return true;
        }
        if (removeRequirement != null) {
            if (removeRequirement >= 0 && removeRequirement < form.getRequirements().size()) form.getRequirements().remove((int) removeRequirement);
            form.withSpareRows();
            return true;
        }
        return false;
    }

    private static boolean looksLikeJson(byte[] content) {
        for (byte b : content) {
            if (b == '[' || b == '{') return true;
            if (!Character.isWhitespace(b) && b != (byte) 0xEF && b != (byte) 0xBB && b != (byte) 0xBF) return false;
        }
        return false;
    }

    private static Actor me() {
        return CurrentActor.get();
    }
}
