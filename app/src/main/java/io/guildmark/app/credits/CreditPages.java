package io.guildmark.app.credits;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;

import io.guildmark.app.accounts.Accounts;
import io.guildmark.app.organizations.Organization;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.CurrentActor;
import io.guildmark.app.shared.FormActions;
import io.guildmark.app.shared.Problem;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
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
 * The learner's credit ledger ("My credits"): standing per organization and rule, entries, reporting external credits
 * with proof, tracking a license, and the transcript as PDF and as a signed CLR 2.0 credential. A person only ever
 * sees their own ledger: everything is looked up by the signed-in person's address.
 */
@Controller
class CreditPages {

    private final Ledger ledger;
    private final RenewalRules rules;
    private final ExternalCredits external;
    private final ClrTranscripts clr;
    private final Accounts accounts;
    private final Clock clock;

    CreditPages(Ledger ledger, RenewalRules rules, ExternalCredits external, ClrTranscripts clr, Accounts accounts, Clock clock) {
        this.ledger = ledger;
        this.rules = rules;
        this.external = external;
        this.clr = clr;
        this.accounts = accounts;
        this.clock = clock;
    }

    /** An organization a learner may report to, with the credit types and categories its rules name. */
    record Reportable(String slug, String name, List<String> creditTypes, List<String> categories) {}

    /** A license rule the learner may start tracking. */
    record Trackable(UUID ruleId, String label) {}

    @GetMapping("/credits")
    String mine(Model model) {
        Actor.Person person = CurrentActor.person().orElseThrow();
        LocalDate today = LocalDate.now(clock);
        List<Ledger.OrganizationLedger> ledgers = ledger.organizationsOf(person.email()).stream()
                .map(org -> ledger.ledger(org, person.email(), today)).toList();
        List<Reportable> reportable = new ArrayList<>();
        List<Trackable> trackable = new ArrayList<>();
        for (Organization org : rules.organizationsWithRules()) {
            List<RenewalRules.Rule> orgRules = rules.forOrganization(org.id());
            reportable.add(new Reportable(org.slug(), org.name(),
                    List.copyOf(new TreeSet<>(orgRules.stream().map(RenewalRules.Rule::creditType).toList())),
                    List.copyOf(new TreeSet<>(orgRules.stream().flatMap(r -> r.categories().keySet().stream()).toList()))));
            orgRules.stream().filter(r -> r.anchor() == RenewalRules.Anchor.LICENSE)
                    .filter(r -> rules.licenseAnchor(r.id(), person.email()).isEmpty())
                    .forEach(r -> trackable.add(new Trackable(r.id(), org.name() + " — " + r.name() + " (" + r.describe() + ")")));
        }
        model.addAttribute("ledgers", ledgers);
        model.addAttribute("reportable", reportable);
        model.addAttribute("creditTypes", List.copyOf(new TreeSet<>(reportable.stream().flatMap(r -> r.creditTypes().stream()).toList())));
        model.addAttribute("categories", List.copyOf(new TreeSet<>(reportable.stream().flatMap(r -> r.categories().stream()).toList())));
        model.addAttribute("trackable", trackable);
        model.addAttribute("today", today);
        return "credits/mine";
    }

    @PostMapping("/credits/external")
    String report(@RequestParam(defaultValue = "") String organization, @RequestParam(defaultValue = "") String title,
            @RequestParam(defaultValue = "") String provider, @RequestParam(defaultValue = "") String completedOn,
            @RequestParam(defaultValue = "") String amount, @RequestParam(defaultValue = "") String creditType,
            @RequestParam(defaultValue = "") String category, @RequestParam(name = "proof", required = false) MultipartFile proof,
            RedirectAttributes redirect) {
        Actor.Person person = CurrentActor.person().orElseThrow();
        FormActions.attempt(redirect, () -> {
            ExternalCredits.Report r = external.report(person, new ExternalCredits.ReportForm(organization, title, provider, completedOn,
                    amount, creditType, category), bytes(proof), proof == null ? "" : String.valueOf(proof.getOriginalFilename()));
            return "Reported " + CreditReminders.plain(r.amount()) + " " + r.creditType() + " for \"" + r.title()
                    + "\". They show as pending until the association approves them.";
        });
        return "redirect:/credits";
    }

    @PostMapping("/credits/licenses")
    String trackLicense(@RequestParam(defaultValue = "") String ruleId, @RequestParam(defaultValue = "") String licensedOn,
            RedirectAttributes redirect) {
        Actor.Person person = CurrentActor.person().orElseThrow();
        FormActions.attempt(redirect, () -> {
            rules.trackLicense(person, parse(ruleId, "The license"), licensedOn);
            return "Your license is tracked: its renewal cycles count from " + licensedOn.strip() + ".";
        });
        return "redirect:/credits";
    }

    @GetMapping("/credits/external/{id}/proof")
    ResponseEntity<byte[]> proof(@PathVariable UUID id) {
        ExternalCredits.Proof proof = external.proof(CurrentActor.get(), id);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(proof.contentType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(proof.name()).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(proof.content());
    }

    @GetMapping("/credits/transcript.pdf")
    ResponseEntity<byte[]> transcriptPdf(@RequestParam(defaultValue = "") String organization) {
        Actor.Person person = CurrentActor.person().orElseThrow();
        Organization org = mine(person, organization);
        LocalDate today = LocalDate.now(clock);
        String name = accounts.findByEmail(person.email()).map(io.guildmark.app.accounts.User::name).orElse(person.email());
        byte[] pdf = TranscriptPdf.render(org.name(), name, person.email(), today, ledger.ledger(org, person.email(), today));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("credit-transcript-" + org.slug() + "-" + today + ".pdf").build().toString())
                .body(pdf);
    }

    @GetMapping("/credits/transcript.clr.json")
    ResponseEntity<String> transcriptClr(@RequestParam(defaultValue = "") String organization) {
        Actor.Person person = CurrentActor.person().orElseThrow();
        Organization org = mine(person, organization);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/vc+ld+json"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("clr-transcript-" + org.slug() + "-" + LocalDate.now(clock) + ".json").build().toString())
                .body(clr.signed(org, person.email()).toString());
    }

    /** An organization in the person's ledger; any other reads as not found. */
    private Organization mine(Actor.Person person, String slug) {
        return ledger.organizationsOf(person.email()).stream().filter(o -> o.slug().equals(slug.strip())).findFirst()
                .orElseThrow(() -> Problem.notFound("The organization"));
    }

    private static byte[] bytes(MultipartFile file) {
        if (file == null || file.isEmpty()) return new byte[0];
        if (file.getSize() > ProofFiles.MAX_BYTES) throw Problem.tooLarge("The proof is larger than 10 MB; attach a smaller file.");
        try {
            return file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static UUID parse(String id, String what) {
        try {
            return UUID.fromString(id.strip());
        } catch (IllegalArgumentException e) {
            throw Problem.notFound(what);
        }
    }
}
