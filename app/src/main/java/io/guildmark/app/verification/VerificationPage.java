package io.guildmark.app.verification;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.guildmark.app.shared.Problem;
import io.guildmark.credentials.verify.VerificationReport;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * The public {@code /verify} page: paste a credential, upload a badge, or give its address, and see every check.
 * Works without JavaScript (a plain form post re-renders the page); with htmx only the result is replaced.
 * {@code GET /verify?url=…} verifies an address at once, so a badge page can link "Verify this badge".
 */
@Controller
class VerificationPage {

    /** What the visitor entered, shown again with the result. */
    record Form(String credential, String url, String recipient) {}

    private final Verification verification;

    private final org.springframework.context.ApplicationEventPublisher events;

    VerificationPage(Verification verification, org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.verification = verification;
    }

    @GetMapping("/verify")
    String page(@RequestParam(required = false) @Nullable String url, @RequestParam(required = false) @Nullable String recipient,
            Model model) {
        Form form = new Form("", url == null ? "" : url.strip(), recipient == null ? "" : recipient.strip());
        model.addAttribute("form", form);
        if (!form.url().isEmpty()) {
            String expected = expectedRecipient(form, model);
            if (expected != null || form.recipient().isEmpty()) {
                show(model, verification.checkUrl(form.url(), expected), "the address " + form.url());
            }
        }
        return "verification/verify";
    }

    @PostMapping("/verify")
    String verify(@RequestParam(name = "credential", required = false) @Nullable String credential,
            @RequestParam(name = "file", required = false) @Nullable MultipartFile file,
            @RequestParam(required = false) @Nullable String url, @RequestParam(required = false) @Nullable String recipient,
            Model model) throws IOException {
        Form form = new Form(credential == null ? "" : credential, url == null ? "" : url.strip(),
                recipient == null ? "" : recipient.strip());
        model.addAttribute("form", form);
        String expected = expectedRecipient(form, model);
        if (expected == null && !form.recipient().isEmpty()) return "verification/verify";
        // One way at a time; if several are given, the file wins, then the pasted text.
        if (file != null && !file.isEmpty()) {
            String name = file.getOriginalFilename() == null || file.getOriginalFilename().isBlank() ? "the uploaded file"
                    : "the uploaded file " + file.getOriginalFilename();
            if (file.getSize() > Verification.MAX_INPUT_BYTES) {
                model.addAttribute("error", "That file is larger than 10 MB; badges are much smaller. Check that you chose the right file.");
                return "verification/verify";
            }
            byte[] bytes;
            try (InputStream in = file.getInputStream()) {
                bytes = in.readNBytes((int) Verification.MAX_INPUT_BYTES + 1);
            }
            show(model, verification.check(bytes, file.getContentType(), expected), name);
        } else if (!form.credential().isBlank()) {
            show(model, verification.check(form.credential().getBytes(StandardCharsets.UTF_8), null, expected), "the pasted credential");
        } else if (!form.url().isEmpty()) {
            show(model, verification.checkUrl(form.url(), expected), "the address " + form.url());
        } else {
            model.addAttribute("error", "Paste a credential, choose a badge file, or give the badge's address.");
        }
        return "verification/verify";
    }

    /** The outcome with its issuer's standing ({@link Verification#check} reads both, a kept outcome in one query). */
    private void show(Model model, Verification.Checked checked, String source) {
        events.publishEvent(CredentialVerified.of(checked.report()));
        model.addAttribute("result", ReportView.of(checked.report(), source));
        model.addAttribute("standing", checked.standing());
    }

    /** The recipient e-mail to compare, or null; an invalid one becomes a field error. */
    private static @Nullable String expectedRecipient(Form form, Model model) {
        if (form.recipient().isEmpty()) return null;
        try {
            return VerificationApi.recipient(form.recipient());
        } catch (Problem e) {
            model.addAttribute("fieldErrors", Map.of("recipient", "Enter an e-mail address, like name@example.org, or leave it empty."));
            model.addAttribute("error", "The recipient e-mail is not an e-mail address.");
            return null;
        }
    }
}
