package io.guildmark.app.issuing;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import io.guildmark.app.organizations.Organization;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.organizations.Permission;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.FileStore;
import io.guildmark.app.shared.Problem;
import io.guildmark.app.shared.UploadedImages;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Each organization's certificate design (layout, colours, logo, signatory, footer), kept by its owners and admins
 * and used for every certificate PDF it issues. Logos and signatures are raster images (PNG or JPEG): the PDF embeds
 * them as they are, and there is no SVG renderer on the platform.
 */
@Service
public class CertificateDesigns {

    public static final Set<String> LAYOUTS = Set.of("classic", "modern");
    private static final Pattern COLOUR = Pattern.compile("#[0-9a-fA-F]{6}");

    /** A saved design; {@link #DEFAULT} until an organization saves one. */
    public record Design(String layout, String primaryColor, String accentColor, @Nullable String logoKey,
            @Nullable String signatoryName, @Nullable String signatoryTitle, @Nullable String signatureKey, @Nullable String footer) {}

    public static final Design DEFAULT = new Design("classic", "#1c4dd9", "#c9a227", null, null, null, null, null);

    /** What the designer form sends: the text fields, and new images (null keeps the saved one). */
    public record Changes(String layout, String primaryColor, String accentColor, String signatoryName, String signatoryTitle,
            String footer, byte @Nullable [] logo, byte @Nullable [] signature, boolean removeLogo, boolean removeSignature) {}

    /** A design with its images as bytes: what the PDF is drawn from (saved, or a preview not saved). */
    record Resolved(Design design, byte @Nullable [] logo, byte @Nullable [] signature) {}

    private static final Set<UploadedImages.Format> RASTER = EnumSet.of(UploadedImages.Format.PNG, UploadedImages.Format.JPEG);

    private final JdbcClient db;
    private final Organizations organizations;
    private final FileStore files;
    private final io.guildmark.app.shared.AuditTrail audit;

    CertificateDesigns(JdbcClient db, Organizations organizations, FileStore files, io.guildmark.app.shared.AuditTrail audit) {
        this.audit = audit;
        this.db = db;
        this.organizations = organizations;
        this.files = files;
    }

    /** The organization's design, for its staff who may change it. */
    public Design get(Actor actor, String slug) {
        Organization org = organizations.require(actor, slug, Permission.MANAGE_ORGANIZATION);
        return of(org.id());
    }

    /** The design every certificate of this organization is drawn with (one small query). */
    Design of(UUID organizationId) {
        return db.sql("""
                select layout, primary_color, accent_color, logo_key, signatory_name, signatory_title, signature_key, footer
                from certificate_designs where organization_id = ?""")
                .param(organizationId)
                .query((rs, n) -> new Design(rs.getString("layout"), rs.getString("primary_color"), rs.getString("accent_color"),
                        rs.getString("logo_key"), rs.getString("signatory_name"), rs.getString("signatory_title"),
                        rs.getString("signature_key"), rs.getString("footer")))
                .optional().orElse(DEFAULT);
    }

    /** The saved design with its images read; the organization's own logo stands in when the design has none. */
    Resolved resolved(Organization org) {
        Design design = of(org.id());
        return new Resolved(design, logo(org, design.logoKey()), design.signatureKey() == null ? null : files.get(design.signatureKey()).orElse(null));
    }

    /** The design the form describes, checked but not saved: what the live preview draws. */
    Resolved preview(Actor actor, String slug, Changes changes) {
        Organization org = organizations.require(actor, slug, Permission.MANAGE_ORGANIZATION);
        Design saved = of(org.id());
        Design design = checked(changes, saved);
        byte[] logo = changes.removeLogo() ? logo(org, null) : changes.logo() != null ? image(changes.logo(), "logo", "the logo") : logo(org, saved.logoKey());
        byte[] signature = changes.removeSignature() ? null : changes.signature() != null ? image(changes.signature(), "signature", "the signature image")
                : saved.signatureKey() == null ? null : files.get(saved.signatureKey()).orElse(null);
        return new Resolved(design, logo, signature);
    }

    /** Saves the design: every field is checked first, so a bad one saves nothing (not even a good new image). */
    @Transactional
    public Design save(Actor actor, String slug, Changes changes) {
        Organization org = organizations.require(actor, slug, Permission.MANAGE_ORGANIZATION);
        Design saved = of(org.id());
        Design design = checked(changes, saved);
        byte[] logo = changes.logo() == null ? null : image(changes.logo(), "logo", "the logo");
        byte[] signature = changes.signature() == null ? null : image(changes.signature(), "signature", "the signature image");
        String logoKey = changes.removeLogo() ? null : logo != null ? files.put("certificates", logo) : saved.logoKey();
        String signatureKey = changes.removeSignature() ? null : signature != null ? files.put("certificates", signature) : saved.signatureKey();
        Design next = new Design(design.layout(), design.primaryColor(), design.accentColor(), logoKey, design.signatoryName(),
                design.signatoryTitle(), signatureKey, design.footer());
        Timestamp now = Timestamp.from(Instant.now());
        int updated = db.sql("""
                update certificate_designs set layout = ?, primary_color = ?, accent_color = ?, logo_key = ?, signatory_name = ?,
                signatory_title = ?, signature_key = ?, footer = ?, updated_at = ? where organization_id = ?""")
                .params(next.layout(), next.primaryColor(), next.accentColor(), next.logoKey(), next.signatoryName(), next.signatoryTitle(),
                        next.signatureKey(), next.footer(), now, org.id())
                .update();
        if (updated == 0) {
            db.sql("""
                    insert into certificate_designs (organization_id, layout, primary_color, accent_color, logo_key, signatory_name,
                    signatory_title, signature_key, footer, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(org.id(), next.layout(), next.primaryColor(), next.accentColor(), next.logoKey(), next.signatoryName(),
                            next.signatoryTitle(), next.signatureKey(), next.footer(), now)
                    .update();
        }
        Map<String, Object> changed = new LinkedHashMap<>();
        changed.put("before", describe(saved));
        changed.put("after", describe(next));
        audit.record(actor, org.id(), "certificate-design.saved", "certificate_design", org.id(), changed);
        // Replaced files go once the change is committed; new files go if it is rolled back.
        String oldLogo = saved.logoKey() != null && !saved.logoKey().equals(logoKey) ? saved.logoKey() : null;
        String oldSignature = saved.signatureKey() != null && !saved.signatureKey().equals(signatureKey) ? saved.signatureKey() : null;
        String newLogo = logoKey != null && !logoKey.equals(saved.logoKey()) ? logoKey : null;
        String newSignature = signatureKey != null && !signatureKey.equals(saved.signatureKey()) ? signatureKey : null;
        afterCompletion(() -> {
            if (oldLogo != null) files.delete(oldLogo);
            if (oldSignature != null) files.delete(oldSignature);
        }, () -> {
            if (newLogo != null) files.delete(newLogo);
            if (newSignature != null) files.delete(newSignature);
        });
        return next;
    }

    /** A design as the audit log keeps it: its fields, and whether it has a logo and a signature image (not the files). */
    private static Map<String, Object> describe(Design d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("layout", d.layout());
        m.put("primaryColor", d.primaryColor());
        m.put("accentColor", d.accentColor());
        m.put("signatoryName", d.signatoryName());
        m.put("signatoryTitle", d.signatoryTitle());
        m.put("footer", d.footer());
        m.put("logo", d.logoKey() != null);
        m.put("signature", d.signatureKey() != null);
        return m;
    }

    /** The text fields checked, every error at once; the images stay as saved. */
    static Design checked(Changes c, Design saved) {
        Map<String, String> errors = new LinkedHashMap<>();
        String layout = c.layout() == null ? "" : c.layout().strip();
        if (!LAYOUTS.contains(layout)) errors.put("layout", "Choose the classic or the modern layout.");
        String primary = colour(c.primaryColor(), "primaryColor", errors);
        String accent = colour(c.accentColor(), "accentColor", errors);
        String name = text(c.signatoryName(), "signatoryName", 200, "The signatory's name", errors);
        String title = text(c.signatoryTitle(), "signatoryTitle", 200, "The signatory's title", errors);
        String footer = text(c.footer(), "footer", 500, "The footer", errors);
        if (!errors.isEmpty()) throw Problem.invalidFields(errors);
        return new Design(layout, primary, accent, saved.logoKey(), name, title, saved.signatureKey(), footer);
    }

    private static String colour(@Nullable String value, String field, Map<String, String> errors) {
        String v = value == null ? "" : value.strip();
        if (!COLOUR.matcher(v).matches()) {
            errors.put(field, "Enter a colour as # and six hexadecimal digits, such as #1c4dd9.");
            return "";
        }
        return v.toLowerCase(java.util.Locale.ROOT);
    }

    private static @Nullable String text(@Nullable String value, String field, int max, String what, Map<String, String> errors) {
        String v = value == null ? "" : value.strip().replaceAll("\\p{Cc}+", " ");
        if (v.length() > max) errors.put(field, what + " may have at most " + max + " characters.");
        return v.isEmpty() ? null : v;
    }

    /** A logo or signature checked by its bytes: PNG or JPEG, at most 2 MB. */
    private static byte[] image(byte[] content, String field, String noun) {
        return UploadedImages.check(content, new UploadedImages.Purpose(field, noun), RASTER).content();
    }

    /** The design's logo, else the organization's own when it is a raster image. */
    private byte @Nullable [] logo(Organization org, @Nullable String logoKey) {
        if (logoKey != null) return files.get(logoKey).orElse(null);
        if (org.hasLogo() && org.logoContentType() != null && !org.logoContentType().contains("svg")) {
            return files.get(org.logoKey()).orElse(null);
        }
        return null;
    }

    private static void afterCompletion(Runnable onCommit, Runnable onRollback) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            onCommit.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                (status == STATUS_COMMITTED ? onCommit : onRollback).run();
            }
        });
    }
}
