package io.guildmark.app.issuing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

import javax.imageio.ImageIO;

import io.guildmark.app.organizations.Organization;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.organizations.Permission;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.CurrentActor;
import io.guildmark.app.shared.FieldErrors;
import io.guildmark.app.shared.GuildmarkSettings;
import io.guildmark.app.shared.Problem;
import io.guildmark.app.shared.UploadedImages;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The certificate designer: owners and admins set their organization's certificate look, and see a sample certificate
 * redrawn as they change the form (htmx posts the unsaved form to the preview), before saving it for every certificate.
 */
@Controller
class CertificateDesignerPages {

    private final CertificateDesigns designs;
    private final Organizations organizations;
    private final GuildmarkSettings settings;

    CertificateDesignerPages(CertificateDesigns designs, Organizations organizations, GuildmarkSettings settings) {
        this.designs = designs;
        this.organizations = organizations;
        this.settings = settings;
    }

    /** The form as posted; text fields echo back when something is wrong. */
    record Form(String layout, String primaryColor, String accentColor, String signatoryName, String signatoryTitle, String footer) {
        static Form of(CertificateDesigns.Design d) {
            return new Form(d.layout(), d.primaryColor(), d.accentColor(), nn(d.signatoryName()), nn(d.signatoryTitle()), nn(d.footer()));
        }

        private static String nn(@Nullable String s) {
            return s == null ? "" : s;
        }
    }

    @GetMapping("/organizations/{slug}/certificate")
    String page(@PathVariable String slug, Model model) {
        CertificateDesigns.Design design = designs.get(me(), slug);
        return show(slug, Form.of(design), design, model);
    }

    @PostMapping("/organizations/{slug}/certificate")
    String save(@PathVariable String slug, @RequestParam(defaultValue = "") String layout, @RequestParam(defaultValue = "") String primaryColor,
            @RequestParam(defaultValue = "") String accentColor, @RequestParam(defaultValue = "") String signatoryName,
            @RequestParam(defaultValue = "") String signatoryTitle, @RequestParam(defaultValue = "") String footer,
            @RequestParam(required = false) @Nullable MultipartFile logo, @RequestParam(required = false) @Nullable MultipartFile signature,
            @RequestParam(defaultValue = "false") boolean removeLogo, @RequestParam(defaultValue = "false") boolean removeSignature,
            Model model, RedirectAttributes redirect) {
        Form form = new Form(layout, primaryColor, accentColor, signatoryName, signatoryTitle, footer);
        try {
            designs.save(me(), slug, changes(form, logo, signature, removeLogo, removeSignature));
            redirect.addFlashAttribute("notice", "Certificate design saved; every certificate of your organization now uses it.");
            return "redirect:/organizations/" + slug + "/certificate";
        } catch (Problem problem) {
            if (problem.kind() == Problem.Kind.NOT_FOUND || problem.kind() == Problem.Kind.FORBIDDEN) throw problem;
            model.addAttribute("error", problem.getMessage());
            model.addAttribute("fieldErrors", FieldErrors.of(problem));
            return show(slug, form, designs.get(me(), slug), model);
        }
    }

    /** The sample certificate drawn from the unsaved form, as an image in an HTML fragment (or what is wrong). */
    @PostMapping(path = "/organizations/{slug}/certificate/preview", produces = MediaType.TEXT_HTML_VALUE)
    @ResponseBody
    ResponseEntity<String> preview(@PathVariable String slug, @RequestParam(defaultValue = "") String layout,
            @RequestParam(defaultValue = "") String primaryColor, @RequestParam(defaultValue = "") String accentColor,
            @RequestParam(defaultValue = "") String signatoryName, @RequestParam(defaultValue = "") String signatoryTitle,
            @RequestParam(defaultValue = "") String footer, @RequestParam(required = false) @Nullable MultipartFile logo,
            @RequestParam(required = false) @Nullable MultipartFile signature, @RequestParam(defaultValue = "false") boolean removeLogo,
            @RequestParam(defaultValue = "false") boolean removeSignature) {
        Form form = new Form(layout, primaryColor, accentColor, signatoryName, signatoryTitle, footer);
        try {
            CertificateDesigns.Resolved look = designs.preview(me(), slug, changes(form, logo, signature, removeLogo, removeSignature));
            Organization org = organizations.require(me(), slug, Permission.MANAGE_ORGANIZATION);
            return ResponseEntity.ok(img(previewPng(org, look)));
        } catch (Problem problem) {
            if (problem.kind() == Problem.Kind.NOT_FOUND || problem.kind() == Problem.Kind.FORBIDDEN) throw problem;
            // Still 200: htmx swaps only successful answers, and the message belongs in the preview area.
            return ResponseEntity.ok("<p class=\"field-error\" role=\"alert\" id=\"preview-error\">" + escape(problem.getMessage()) + "</p>");
        }
    }

    private String show(String slug, Form form, CertificateDesigns.Design saved, Model model) {
        Organization org = organizations.require(me(), slug, Permission.MANAGE_ORGANIZATION);
        model.addAttribute("org", org);
        model.addAttribute("tab", "settings");
        model.addAttribute("form", form);
        model.addAttribute("saved", saved);
        model.addAttribute("preview", "data:image/png;base64," + Base64.getEncoder().encodeToString(previewPng(org, designs.resolved(org))));
        return "issuing/certificate-designer";
    }

    /** The first page of a sample certificate, small enough for the page (about 60 dots per inch). */
    byte[] previewPng(Organization org, CertificateDesigns.Resolved look) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.DAYS);
        byte[] pdf = CertificatePdf.render(new CertificatePdf.Content(org.name(), "Alex Example", "Sample micro-credential", "MicroCredential",
                now, now.plus(730, ChronoUnit.DAYS), settings.url("/credentials/00000000-0000-0000-0000-000000000000"),
                BadgeImages.png("Sample micro-credential", org.name(), BadgeImages.hueFor(org.id().toString())), false), look);
        try (PDDocument doc = Loader.loadPDF(pdf); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(new PDFRenderer(doc).renderImageWithDPI(0, 60), "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CertificateDesigns.Changes changes(Form form, @Nullable MultipartFile logo, @Nullable MultipartFile signature,
            boolean removeLogo, boolean removeSignature) {
        return new CertificateDesigns.Changes(form.layout(), form.primaryColor(), form.accentColor(), form.signatoryName(),
                form.signatoryTitle(), form.footer(), bytes(logo, "logo", "The logo"), bytes(signature, "signature", "The signature image"),
                removeLogo, removeSignature);
    }

    /** An uploaded file's bytes, null when none was chosen; one over 2 MB is refused before it is read. */
    private static byte @Nullable [] bytes(@Nullable MultipartFile file, String field, String noun) {
        if (file == null || file.isEmpty()) return null;
        if (file.getSize() > UploadedImages.MAX_BYTES) {
            throw new Problem(Problem.Kind.PAYLOAD_TOO_LARGE, field + "-too-large", noun + " is larger than 2 MB; upload a smaller image.",
                    java.util.List.of(new Problem.FieldError(field, "At most 2 MB.")));
        }
        try {
            return file.getBytes();
        } catch (IOException e) {
            throw Problem.invalidField(field, noun + " could not be read; upload it again.");
        }
    }

    private static String img(byte[] png) {
        return "<img id=\"certificate-preview\" class=\"certificate-preview\" alt=\"Preview of a sample certificate\" src=\"data:image/png;base64,"
                + Base64.getEncoder().encodeToString(png) + "\">";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static Actor me() {
        return CurrentActor.get();
    }
}
