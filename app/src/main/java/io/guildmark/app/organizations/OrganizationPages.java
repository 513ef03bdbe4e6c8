package io.guildmark.app.organizations;

import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.CurrentActor;
import io.guildmark.app.shared.FieldErrors;
import io.guildmark.app.shared.FormActions;
import io.guildmark.app.shared.Problem;
import io.guildmark.app.shared.Slug;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The pages where staff run their organization: overview, settings, members and API keys. */
@Controller
class OrganizationPages {

    record OrganizationForm(String slug, String name, String description, String website, String email, String kind) {}

    private final Organizations organizations;
    private final Members members;
    private final ApiKeys apiKeys;

    OrganizationPages(Organizations organizations, Members members, ApiKeys apiKeys) {
        this.organizations = organizations;
        this.members = members;
        this.apiKeys = apiKeys;
    }

    @GetMapping("/organizations/new")
    String newForm(Model model) {
        model.addAttribute("form", new OrganizationForm("", "", "", "", "", "issuer"));
        return "organizations/new";
    }

    @PostMapping("/organizations/new")
    String create(OrganizationForm form, Model model, RedirectAttributes redirect) {
        String slug = form.slug() == null || form.slug().isBlank() ? Slug.suggestFor(form.name() == null ? "" : form.name()) : form.slug().trim();
        try {
            Organization org = organizations.create(me(), slug,
                    new Organizations.Profile(form.name(), form.description(), form.website(), form.email()),
                    Organization.Kind.parse(form.kind()));
            redirect.addFlashAttribute("notice", org.name() + (org.issues() ? " is ready. Next: design its first micro-credential."
                    : " is ready. Next: an association invites you into its program, or check candidates' badges."));
            return "redirect:/organizations/" + org.slug();
        } catch (Problem problem) {
            model.addAttribute("form", form);
            model.addAttribute("error", problem.getMessage());
            model.addAttribute("fieldErrors", FieldErrors.of(problem));
            return "organizations/new";
        }
    }

    @GetMapping("/organizations/{slug}")
    String overview(@PathVariable String slug, Model model) {
        Organization org = organizations.require(me(), slug, Permission.VIEW);
        model.addAttribute("org", org);
        model.addAttribute("tab", "overview");
        model.addAttribute("members", members.list(me(), slug));
        model.addAttribute("canManage", organizations.allowed(me(), org.id(), Permission.MANAGE_ORGANIZATION));
        return "organizations/overview";
    }

    @GetMapping("/organizations/{slug}/settings")
    String settings(@PathVariable String slug, Model model) {
        Organization org = organizations.require(me(), slug, Permission.MANAGE_ORGANIZATION);
        model.addAttribute("org", org);
        model.addAttribute("tab", "settings");
        model.addAttribute("requiresSecondFactor", organizations.requiresSecondFactor(org.id()));
        model.addAttribute("linkedInOrganizationId", organizations.linkedInOrganizationId(org.id()).orElse(""));
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new OrganizationForm(org.slug(), org.name(), org.description(), org.website(), org.email(), org.kind().id()));
        }
        return "organizations/settings";
    }

    @PostMapping("/organizations/{slug}/settings")
    String saveSettings(@PathVariable String slug, OrganizationForm form, Model model, RedirectAttributes redirect) {
        try {
            organizations.updateProfile(me(), slug, new Organizations.Profile(form.name(), form.description(), form.website(), form.email()));
            redirect.addFlashAttribute("notice", "Settings saved.");
            return "redirect:/organizations/" + slug + "/settings";
        } catch (Problem problem) {
            if (problem.kind() == Problem.Kind.NOT_FOUND || problem.kind() == Problem.Kind.FORBIDDEN) throw problem;
            model.addAttribute("form", form);
            model.addAttribute("error", problem.getMessage());
            model.addAttribute("fieldErrors", FieldErrors.of(problem));
            return settings(slug, model);
        }
    }

    @PostMapping("/organizations/{slug}/logo")
    String uploadLogo(@PathVariable String slug, @RequestParam("logo") MultipartFile logo, RedirectAttributes redirect) throws IOException {
        byte[] content = logo.getSize() > io.guildmark.app.shared.UploadedImages.MAX_BYTES ? null : logo.getBytes();
        FormActions.attempt(redirect, () -> {
            if (content == null) throw Problem.tooLarge("The logo is larger than 2 MB; upload a smaller image.");
            organizations.setLogo(me(), slug, content);
            return "The logo is updated.";
        });
        return "redirect:/organizations/" + slug + "/settings";
    }

    @PostMapping("/organizations/{slug}/revocation-method")
    String revocationMethod(@PathVariable String slug, @RequestParam(defaultValue = "") String method, RedirectAttributes redirect) {
        FormActions.attempt(redirect, () -> {
            organizations.setRevocationMethod(me(), slug, method);
            return "Revocation method saved; it applies to credentials issued from now on.";
        });
        return "redirect:/organizations/" + slug + "/settings";
    }

    @PostMapping("/organizations/{slug}/linkedin")
    String linkedIn(@PathVariable String slug, @RequestParam(defaultValue = "") String organizationId, RedirectAttributes redirect) {
        FormActions.attempt(redirect, () -> {
            organizations.setLinkedInOrganizationId(me(), slug, organizationId);
            return organizationId.isBlank() ? "LinkedIn organization id removed." : "LinkedIn organization id saved; "
                    + "\"Add to LinkedIn profile\" links now name your company page.";
        });
        return "redirect:/organizations/" + slug + "/settings";
    }

    @PostMapping("/organizations/{slug}/second-factor")
    String requireSecondFactor(@PathVariable String slug, @RequestParam(defaultValue = "false") boolean required,
            RedirectAttributes redirect) {
        FormActions.attempt(redirect, () -> {
            organizations.setRequireSecondFactor(me(), slug, required);
            return required ? "Staff now need a second factor; those without one are asked to set one up."
                    : "Staff no longer need a second factor.";
        });
        return "redirect:/organizations/" + slug + "/settings";
    }

    @GetMapping("/organizations/{slug}/members")
    String members(@PathVariable String slug, Model model) {
        Organization org = organizations.require(me(), slug, Permission.MANAGE_MEMBERS);
        model.addAttribute("org", org);
        model.addAttribute("tab", "members");
        model.addAttribute("members", members.list(me(), slug));
        model.addAttribute("invitations", members.invitations(me(), slug).stream()
                .filter(i -> i.pending(java.time.Instant.now())).toList());
        model.addAttribute("roles", Role.values());
        return "organizations/members";
    }

    @PostMapping("/organizations/{slug}/invitations")
    String invite(@PathVariable String slug, @RequestParam(defaultValue = "") String email,
            @RequestParam(defaultValue = "") String role, RedirectAttributes redirect) {
        FormActions.attempt(redirect, () -> "Invitation sent to " + members.invite(me(), slug, email, Role.parse(role)).email() + ".");
        return "redirect:/organizations/" + slug + "/members";
    }

    @PostMapping("/organizations/{slug}/invitations/{id}/revoke")
    String revokeInvitation(@PathVariable String slug, @PathVariable UUID id, RedirectAttributes redirect) {
        members.revokeInvitation(me(), slug, id);
        redirect.addFlashAttribute("notice", "Invitation withdrawn.");
        return "redirect:/organizations/" + slug + "/members";
    }

    @PostMapping("/organizations/{slug}/members/{userId}/roles")
    String setRoles(@PathVariable String slug, @PathVariable UUID userId, @RequestParam(required = false) List<String> roles,
            RedirectAttributes redirect) {
        FormActions.attempt(redirect, () -> {
            Set<Role> set = EnumSet.noneOf(Role.class);
            if (roles != null) roles.forEach(r -> set.add(Role.parse(r)));
            members.setRoles(me(), slug, userId, set);
            return "Roles saved.";
        });
        return "redirect:/organizations/" + slug + "/members";
    }

    @PostMapping("/organizations/{slug}/members/{userId}/remove")
    String remove(@PathVariable String slug, @PathVariable UUID userId, RedirectAttributes redirect) {
        FormActions.attempt(redirect, () -> {
            members.remove(me(), slug, userId);
            return "Member removed.";
        });
        return "redirect:/organizations/" + slug + "/members";
    }

    @GetMapping("/organizations/{slug}/api-keys")
    String apiKeys(@PathVariable String slug, Model model) {
        Organization org = organizations.require(me(), slug, Permission.MANAGE_API_KEYS);
        model.addAttribute("org", org);
        model.addAttribute("tab", "api-keys");
        model.addAttribute("keys", apiKeys.list(me(), slug));
        return "organizations/api-keys";
    }

    @PostMapping("/organizations/{slug}/api-keys")
    String createKey(@PathVariable String slug, @RequestParam(defaultValue = "") String name, RedirectAttributes redirect) {
        try {
            ApiKeys.NewApiKey key = apiKeys.create(me(), slug, name);
            // Only a string goes into the flash: sessions live in the database and hold serializable values only.
            redirect.addFlashAttribute("newKeySecret", key.secret());
        } catch (Problem problem) {
            if (problem.kind() == Problem.Kind.NOT_FOUND) throw problem;
            redirect.addFlashAttribute("error", problem.getMessage());
        }
        return "redirect:/organizations/" + slug + "/api-keys";
    }

    @PostMapping("/organizations/{slug}/api-keys/{id}/revoke")
    String revokeKey(@PathVariable String slug, @PathVariable UUID id, RedirectAttributes redirect) {
        apiKeys.revoke(me(), slug, id);
        redirect.addFlashAttribute("notice", "The key is revoked; calls with it now fail.");
        return "redirect:/organizations/" + slug + "/api-keys";
    }

    @GetMapping("/invitations/{token}")
    String invitation(@PathVariable String token, Model model) {
        try {
            model.addAttribute("invitation", members.viewInvitation(token));
            model.addAttribute("token", token);
        } catch (Problem problem) {
            model.addAttribute("error", problem.getMessage());
        }
        return "organizations/invitation";
    }

    @PostMapping("/invitations/{token}")
    String accept(@PathVariable String token, RedirectAttributes redirect) {
        Actor.Person person = CurrentActor.person().orElse(null);
        if (person == null) {
            redirect.addFlashAttribute("notice", "Sign in (or create an account with the invited address) to accept the invitation.");
            return "redirect:/signin";
        }
        try {
            Organization org = members.accept(person, token);
            redirect.addFlashAttribute("notice", "Welcome to " + org.name() + ".");
            return "redirect:/organizations/" + org.slug();
        } catch (Problem problem) {
            redirect.addFlashAttribute("error", problem.getMessage());
            return "redirect:/invitations/" + token;
        }
    }


    private static Actor me() {
        return CurrentActor.get();
    }
}
