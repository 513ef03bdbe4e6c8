package io.guildmark.app.portfolio;

import java.util.List;
import java.util.UUID;

import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.CurrentActor;
import io.guildmark.app.shared.FormActions;
import io.guildmark.app.shared.PageModel;
import io.guildmark.app.shared.Problem;
import io.guildmark.app.shared.QrCodes;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The person's "download all" and shared presentations, and the public page a presentation's link opens. */
@Controller
class PortfolioPages {

    private static final String MINE = "/wallet/presentations";
    private static final MediaType VP_JSON = MediaType.parseMediaType("application/vp+ld+json");

    private final BadgeExport export;
    private final SharedPresentations presentations;

    PortfolioPages(BadgeExport export, SharedPresentations presentations) {
        this.export = export;
        this.presentations = presentations;
    }

    @GetMapping("/wallet/export.zip")
    ResponseEntity<StreamingResponseBody> exportAll() {
        Actor.Person person = CurrentActor.person().orElseThrow();
        StreamingResponseBody body = out -> export.write(person, out);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/zip"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + export.fileName() + "\"")
                .cacheControl(CacheControl.noStore()).body(body);
    }

    @GetMapping(MINE)
    String mine(Model model) {
        Actor.Person person = CurrentActor.person().orElseThrow();
        model.addAttribute("presentable", presentations.presentable(person));
        List<Listed> listed = presentations.mine(person).stream()
                .map(p -> new Listed(p, presentations.url(p), p.withdrawn() ? null : QrCodes.svgDataUri(presentations.url(p)))).toList();
        model.addAttribute("presentations", listed);
        return "portfolio/presentations";
    }

    /** A presentation as its owner sees it in the list: the link and its QR code while it is open. */
    record Listed(SharedPresentations.Presentation presentation, String url, @Nullable String qrCode) {}

    @PostMapping(MINE)
    String create(@RequestParam(required = false) @Nullable String title, @RequestParam(name = "awardId", required = false) @Nullable List<String> awardIds,
            RedirectAttributes redirect) {
        Actor.Person person = CurrentActor.person().orElseThrow();
        FormActions.attempt(redirect, () -> {
            var created = presentations.create(person, title, uuids(awardIds));
            redirect.addFlashAttribute("created", created.id());
            return "Your link is ready: anyone who opens it sees these " + created.awardIds().size()
                    + (created.awardIds().size() == 1 ? " badge" : " badges") + " checked live.";
        });
        return "redirect:" + MINE;
    }

    @PostMapping(MINE + "/{id}/withdraw")
    String withdraw(@PathVariable String id, RedirectAttributes redirect) {
        Actor.Person person = CurrentActor.person().orElseThrow();
        FormActions.attempt(redirect, () -> {
            presentations.withdraw(person, uuid(id));
            return "The link is withdrawn; it no longer opens anything.";
        });
        return "redirect:" + MINE;
    }

    @GetMapping("/presentations/{token}")
    String page(@PathVariable String token, Model model) {
        var presentation = presentations.open(token).orElseThrow(() -> Problem.notFound("The presentation"));
        var view = presentations.view(presentation);
        model.addAttribute("view", view);
        model.addAttribute("url", presentations.url(presentation));
        model.addAttribute("qrCode", QrCodes.svgDataUri(presentations.url(presentation)));
        model.addAttribute(PageModel.READ_ONLY_PAGE, true);
        return "portfolio/presentation";
    }

    @GetMapping("/presentations/{token}/presentation.json")
    @ResponseBody
    ResponseEntity<String> presentation(@PathVariable String token) {
        var presentation = presentations.open(token).orElseThrow(() -> Problem.notFound("The presentation"));
        return ResponseEntity.ok().contentType(VP_JSON).cacheControl(CacheControl.noCache())
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"presentation.json\"")
                .body(presentations.verifiablePresentation(presentations.view(presentation)).toString());
    }

    private static List<UUID> uuids(@Nullable List<String> values) {
        if (values == null) return List.of();
        if (values.size() > SharedPresentations.MAX_BADGES) {
            throw Problem.invalidField("awardIds", "A presentation holds at most " + SharedPresentations.MAX_BADGES + " badges.");
        }
        return values.stream().map(PortfolioPages::uuid).toList();
    }

    private static UUID uuid(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw Problem.notFound("The badge");
        }
    }
}
