package io.guildmark.app.profiles;

import java.io.IOException;
import java.util.UUID;

import io.guildmark.app.accounts.Accounts;
import io.guildmark.app.accounts.User;
import io.guildmark.app.issuing.Award;
import io.guildmark.app.issuing.BadgeVisibility;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.CurrentActor;
import io.guildmark.app.shared.FormActions;
import io.guildmark.app.shared.PageModel;
import io.guildmark.app.shared.PageSecurity;
import io.guildmark.app.shared.Problem;
import io.guildmark.app.shared.PublicPages;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The public profile at {@code /people/{handle}} (anyone; a profile that is off, or an unknown handle, is "not found")
 * and its owner's settings at {@code /profile} (signed in; only ever the person's own profile).
 */
@Controller
class ProfilePages {

    private final Profiles profiles;
    private final BadgeVisibility visibility;
    private final Accounts accounts;
    private final PublicPages pages;

    ProfilePages(Profiles profiles, BadgeVisibility visibility, Accounts accounts, PublicPages pages) {
        this.profiles = profiles;
        this.visibility = visibility;
        this.accounts = accounts;
        this.pages = pages;
    }

    /** Profiles are public pages: anyone may open them (the page itself answers 404 for one that is off). */
    @Bean
    static PageSecurity publicProfiles() {
        return http -> http.authorizeHttpRequests(auth -> auth.requestMatchers("/people/**").permitAll());
    }

    @GetMapping("/people/{handle}")
    Object profile(@PathVariable String handle, Model model, HttpServletRequest request, HttpServletResponse response) {
        if (handle.length() > Handles.MAX) throw Problem.notFound("The profile");
        Profiles.PublicProfile profile = profiles.publicProfile(handle).orElseThrow(() -> Problem.notFound("The profile"));
        model.addAttribute("profile", profile);
        model.addAttribute(PageModel.READ_ONLY_PAGE, true);
        // The version is the profile as read now (badges, their states, the collections): any change shows at the next view.
        return pages.page(request, response, model, "profiles/profile", profile);
    }

    @GetMapping("/people/{handle}/photo")
    ResponseEntity<byte[]> photo(@PathVariable String handle) {
        if (handle.length() > Handles.MAX) throw Problem.notFound("The photo");
        Profiles.StoredPhoto photo = profiles.photo(handle).orElseThrow(() -> Problem.notFound("The photo"));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(photo.contentType()))
                .cacheControl(CacheControl.maxAge(java.time.Duration.ofMinutes(5)).cachePublic())
                .header("X-Content-Type-Options", "nosniff")
                .body(photo.content());
    }

    @GetMapping("/profile")
    String settings(Model model) {
        Actor.Person person = CurrentActor.person().orElseThrow();
        var saved = profiles.settings(person.userId());
        User user = accounts.find(person.userId()).orElseThrow();
        model.addAttribute("settings", saved.orElse(null));
        model.addAttribute("form", saved.map(s -> new Profiles.Form(s.enabled(), s.handle(), s.displayName(), s.headline(), s.indexable(),
                s.defaultVisibility().word())).orElse(new Profiles.Form(false, "", user.name(), null, false, "unlisted")));
        var publicBadges = visibility.publicBadgesOf(person.userId());
        java.util.Map<UUID, String> names = new java.util.LinkedHashMap<>();
        for (Award a : publicBadges) names.put(a.id(), a.achievementName());
        model.addAttribute("publicBadges", publicBadges);
        model.addAttribute("badgeNames", names);
        model.addAttribute("collections", profiles.collections(person.userId()));
        return "profiles/settings";
    }

    @PostMapping("/profile")
    String save(@RequestParam(defaultValue = "false") boolean enabled, @RequestParam(defaultValue = "") String handle,
            @RequestParam(defaultValue = "") String displayName, @RequestParam(defaultValue = "") String headline,
            @RequestParam(defaultValue = "false") boolean indexable, @RequestParam(defaultValue = "") String defaultVisibility,
            RedirectAttributes redirect) {
        Actor.Person person = CurrentActor.person().orElseThrow();
        FormActions.attempt(redirect, () -> {
            profiles.save(person, new Profiles.Form(enabled, handle, displayName, headline, indexable, defaultVisibility));
            return enabled ? "Your profile is saved and public at /people/" + Handles.normalize(handle) + "." : "Your profile is saved; it is off.";
        });
        return "redirect:/profile";
    }

    @PostMapping("/profile/photo")
    String uploadPhoto(@RequestParam(name = "photo", required = false) MultipartFile photo, RedirectAttributes redirect) throws IOException {
        Actor.Person person = CurrentActor.person().orElseThrow();
        byte[] bytes = photo == null ? new byte[0] : photo.getBytes();
        FormActions.attempt(redirect, () -> {
            profiles.setPhoto(person, bytes);
            return "Your photo is saved.";
        });
        return "redirect:/profile";
    }

    @PostMapping("/profile/photo/remove")
    String removePhoto(RedirectAttributes redirect) {
        Actor.Person person = CurrentActor.person().orElseThrow();
        FormActions.attempt(redirect, () -> {
            profiles.removePhoto(person);
            return "Your photo is removed.";
        });
        return "redirect:/profile";
    }

    @PostMapping("/profile/collections")
    String createCollection(@RequestParam(defaultValue = "") String name, RedirectAttributes redirect) {
        Actor.Person person = CurrentActor.person().orElseThrow();
        FormActions.attempt(redirect, () -> {
            profiles.createCollection(person, name);
            return "The collection " + name.strip() + " is created; add badges to it.";
        });
        return "redirect:/profile";
    }

    @PostMapping("/profile/collections/{id}/rename")
    String rename(@PathVariable String id, @RequestParam(defaultValue = "") String name, RedirectAttributes redirect) {
        Actor.Person person = CurrentActor.person().orElseThrow();
        UUID collection = uuid(id);
        FormActions.attempt(redirect, () -> {
            profiles.renameCollection(person, collection, name);
            return "The collection is renamed.";
        });
        return "redirect:/profile";
    }

    @PostMapping("/profile/collections/{id}/delete")
    String delete(@PathVariable String id, RedirectAttributes redirect) {
        Actor.Person person = CurrentActor.person().orElseThrow();
        UUID collection = uuid(id);
        FormActions.attempt(redirect, () -> {
            profiles.deleteCollection(person, collection);
            return "The collection is deleted; its badges are unchanged.";
        });
        return "redirect:/profile";
    }

    @PostMapping("/profile/collections/{id}/move")
    String move(@PathVariable String id, @RequestParam(defaultValue = "up") String direction, RedirectAttributes redirect) {
        Actor.Person person = CurrentActor.person().orElseThrow();
        UUID collection = uuid(id);
        FormActions.attempt(redirect, () -> {
            profiles.moveCollection(person, collection, !"down".equals(direction));
            return "The collection is moved.";
        });
        return "redirect:/profile";
    }

    @PostMapping("/profile/collections/{id}/badges")
    String addBadge(@PathVariable String id, @RequestParam(defaultValue = "") String awardId, RedirectAttributes redirect) {
        Actor.Person person = CurrentActor.person().orElseThrow();
        UUID collection = uuid(id);
        FormActions.attempt(redirect, () -> {
            UUID award;
            try {
                award = UUID.fromString(awardId);
            } catch (IllegalArgumentException e) {
                throw Problem.invalidField("awardId", "Choose a badge to add.");
            }
            profiles.addBadge(person, collection, award);
            return "The badge is in the collection.";
        });
        return "redirect:/profile";
    }

    @PostMapping("/profile/collections/{id}/badges/{awardId}/remove")
    String removeBadge(@PathVariable String id, @PathVariable String awardId, RedirectAttributes redirect) {
        Actor.Person person = CurrentActor.person().orElseThrow();
        UUID collection = uuid(id);
        UUID award = uuid(awardId);
        FormActions.attempt(redirect, () -> {
            profiles.removeBadge(person, collection, award);
            return "The badge is out of the collection; the badge itself is unchanged.";
        });
        return "redirect:/profile";
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw Problem.notFound("The collection");
        }
    }
}
