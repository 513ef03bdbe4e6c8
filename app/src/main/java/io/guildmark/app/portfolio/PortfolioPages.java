package io.guildmark.app.portfolio;

import java.util.List;
import java.util.UUID;

import io.guildmark.app.accounts.AccountDids;
import io.guildmark.app.issuing.Award;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.CurrentActor;
import io.guildmark.app.shared.FormActions;
import io.guildmark.app.shared.PageModel;
import io.guildmark.app.shared.Problem;
import io.guildmark.app.shared.QrCodes;
import jakarta.json.Json;
import jakarta.json.JsonObject;
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
    private static final String SIGN_EXPORT = "/wallet/sign";
    private static final MediaType VP_JSON = MediaType.parseMediaType("application/vp+ld+json");

    private final BadgeExport export;
    private final SharedPresentations presentations;
    private final HolderSignedPresentations signed;
    private final AccountDids dids;

    PortfolioPages(BadgeExport export, SharedPresentations presentations, HolderSignedPresentations signed, AccountDids dids) {
        this.export = export;
        this.presentations = presentations;
        this.signed = signed;
        this.dids = dids;
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
                .map(p -> new Listed(p, presentations.url(p), p.withdrawn() ? null : QrCodes.svgDataUri(presentations.url(p)),
                        signed.find(person.userId(), p.id()).orElse(null))).toList();
        model.addAttribute("presentations", listed);
        return "portfolio/presentations";
    }

    /** A presentation as its owner sees it in the list: the link and its QR code while it is open. */
    record Listed(SharedPresentations.Presentation presentation, String url, @Nullable String qrCode,
            HolderSignedPresentations.@Nullable Signed signed) {}

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

    /** "Sign with your wallet" for Download all: the presentation and a fresh challenge, and the form for what the wallet made. */
    @GetMapping(SIGN_EXPORT)
    String signExport(Model model) {
        Actor.Person person = CurrentActor.person().orElseThrow();
        List<UUID> current = export.exported(person).stream().map(Award::id).toList();
        var kept = signed.find(person.userId(), SigningChallenges.EXPORT);
        model.addAttribute("heading", "Sign all your badges with your wallet");
        model.addAttribute("action", SIGN_EXPORT);
        model.addAttribute("back", "/wallet");
        model.addAttribute("backText", "My badges");
        model.addAttribute("badgeCount", current.size());
        model.addAttribute("signed", kept.orElse(null));
        model.addAttribute("stale", kept.isPresent() && !kept.get().covers(current));
        signingOffer(person, model, current.isEmpty() ? null : () -> export.presentation(person), SigningChallenges.EXPORT);
        return "portfolio/sign";
    }

    @PostMapping(SIGN_EXPORT)
    String acceptExport(@RequestParam(name = "signed", required = false) @Nullable String text, RedirectAttributes redirect) {
        Actor.Person person = CurrentActor.person().orElseThrow();
        FormActions.attempt(redirect, () -> {
            var kept = signed.accept(person, SigningChallenges.EXPORT, export.exported(person), false, text);
            return "Your signed presentation is saved: Download all now includes " + kept.fileName() + ", signed by " + kept.holderDid() + ".";
        });
        return "redirect:" + SIGN_EXPORT;
    }

    /** "Sign with your wallet" for one shared presentation: its link then serves the holder-signed presentation. */
    @GetMapping(MINE + "/{id}/sign")
    String signShared(@PathVariable String id, Model model) {
        Actor.Person person = CurrentActor.person().orElseThrow();
        var presentation = presentations.openOf(person, uuid(id));
        var view = presentations.view(presentation);
        List<UUID> current = view.badges().stream().map(b -> b.award().id()).toList();
        var kept = signed.find(person.userId(), presentation.id());
        model.addAttribute("heading", "Sign “" + presentation.title() + "” with your wallet");
        model.addAttribute("action", MINE + "/" + presentation.id() + "/sign");
        model.addAttribute("back", MINE);
        model.addAttribute("backText", "Share several badges");
        model.addAttribute("badgeCount", current.size());
        model.addAttribute("signed", kept.orElse(null));
        model.addAttribute("stale", kept.isPresent() && !kept.get().covers(current));
        signingOffer(person, model, current.isEmpty() ? null : () -> presentations.verifiablePresentation(view), presentation.id());
        return "portfolio/sign";
    }

    @PostMapping(MINE + "/{id}/sign")
    String acceptShared(@PathVariable String id, @RequestParam(name = "signed", required = false) @Nullable String text,
            RedirectAttributes redirect) {
        Actor.Person person = CurrentActor.person().orElseThrow();
        var presentation = presentations.openOf(person, uuid(id));
        List<Award> badges = presentations.view(presentation).badges().stream().map(SharedPresentations.CheckedBadge::award).toList();
        FormActions.attempt(redirect, () -> {
            var kept = signed.accept(person, presentation.id(), badges, true, text);
            return "Your signed presentation is saved: the link now serves it, signed by " + kept.holderDid() + ".";
        });
        return "redirect:" + MINE + "/" + presentation.id() + "/sign";
    }

    /** The presentation to sign and its challenge, when the person has a proven DID to sign with and badges to sign. */
    private void signingOffer(Actor.Person person, Model model, java.util.function.@Nullable Supplier<JsonObject> presentation, UUID scope) {
        List<String> proven = dids.provenDids(person.userId());
        model.addAttribute("provenDids", proven);
        if (proven.isEmpty() || presentation == null) return;
        var offer = signed.offer(person, scope, presentation.get());
        model.addAttribute("offer", offer);
        model.addAttribute("offerJson", BadgeExport.pretty(offer.presentation()));
    }

    @GetMapping("/presentations/{token}")
    String page(@PathVariable String token, Model model) {
        var presentation = presentations.open(token).orElseThrow(() -> Problem.notFound("The presentation"));
        var view = presentations.view(presentation);
        model.addAttribute("view", view);
        model.addAttribute("signedByHolder", holderSigned(presentation, view).orElse(null));
        model.addAttribute("url", presentations.url(presentation));
        model.addAttribute("qrCode", QrCodes.svgDataUri(presentations.url(presentation)));
        model.addAttribute(PageModel.READ_ONLY_PAGE, true);
        return "portfolio/presentation";
    }

    @GetMapping("/presentations/{token}/presentation.json")
    @ResponseBody
    ResponseEntity<String> presentation(@PathVariable String token) {
        var presentation = presentations.open(token).orElseThrow(() -> Problem.notFound("The presentation"));
        var view = presentations.view(presentation);
        var bySelf = holderSigned(presentation, view);
        String body = bySelf.map(s -> s.jwt() ? enveloped(s.presentation()) : s.presentation())
                .orElseGet(() -> presentations.verifiablePresentation(view).toString());
        return ResponseEntity.ok().contentType(VP_JSON).cacheControl(CacheControl.noCache())
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"presentation.json\"").body(body);
    }

    /** The holder-signed presentation as a VP-JWT, when the holder's wallet signed the set that way. */
    @GetMapping("/presentations/{token}/presentation.jwt")
    @ResponseBody
    ResponseEntity<String> presentationJwt(@PathVariable String token) {
        var presentation = presentations.open(token).orElseThrow(() -> Problem.notFound("The presentation"));
        var bySelf = holderSigned(presentation, presentations.view(presentation)).filter(HolderSignedPresentations.Signed::jwt)
                .orElseThrow(() -> Problem.notFound("A presentation signed as a JWT"));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/vp+jwt")).cacheControl(CacheControl.noCache())
                .body(bySelf.presentation());
    }

    /** The holder's signed presentation of the set, while it holds exactly the badges the page shows. */
    private java.util.Optional<HolderSignedPresentations.Signed> holderSigned(SharedPresentations.Presentation presentation,
            SharedPresentations.View view) {
        return signed.find(presentation.userId(), presentation.id())
                .filter(s -> s.covers(view.badges().stream().map(b -> b.award().id()).toList()));
    }

    /** A VP-JWT as a VCDM 2.0 enveloped presentation, so the JSON address serves it too. */
    private static String enveloped(String jwt) {
        return Json.createObjectBuilder().add("@context", Json.createArrayBuilder().add("https://www.w3.org/ns/credentials/v2"))
                .add("id", "data:application/vp+jwt," + jwt).add("type", "EnvelopedVerifiablePresentation").build().toString();
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
