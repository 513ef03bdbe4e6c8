package io.guildmark.app.issuing;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import io.guildmark.app.organizations.Organization;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.CurrentActor;
import io.guildmark.app.shared.GuildmarkSettings;
import io.guildmark.app.shared.QrCodes;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * What a badge page offers for sharing: the share buttons (through our counting redirect), the HTML to embed it
 * elsewhere (also what {@code /oembed} answers), an e-mail signature snippet and a QR code of the page. All of it is
 * made from the award and the organization's records, never from text a visitor sent.
 */
@Component
class BadgeSharing {

    /** Width and height of the embedded badge card, in CSS pixels, before an oEmbed consumer's maximum. */
    static final int EMBED_WIDTH = 360;
    static final int EMBED_HEIGHT = 150;

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH).withZone(java.time.ZoneOffset.UTC);

    record Link(String network, String label, String href) {}

    /** The badge page's sharing section; {@code embed} and {@code oembed} are null for a badge that may not be embedded. */
    record Page(List<Link> links, @org.jspecify.annotations.Nullable String embed, @org.jspecify.annotations.Nullable String oembed,
            String signature, String qrCode) {}

    private final GuildmarkSettings settings;
    private final io.guildmark.app.organizations.Organizations organizations;

    BadgeSharing(GuildmarkSettings settings, io.guildmark.app.organizations.Organizations organizations) {
        this.settings = settings;
        this.organizations = organizations;
    }

    /**
     * WHETHER A BADGE MAY BE EMBEDDED (the snippet on its page, {@code /oembed}), decided here and nowhere else: not a
     * missing award, not a revoked one. (A holder's choice to keep a badge private belongs here too.)
     */
    boolean embeddable(@org.jspecify.annotations.Nullable Award award) {
        // Only a badge its holder made public: an unlisted or private one is not shown on other sites.
        return award != null && !award.revoked() && award.isPublic();
    }

    /** Whether the person looking is the badge's holder (their own views are not counted; they see the counts). */
    static boolean holderLooking(Award award) {
        return CurrentActor.person().map(p -> holder(award, p)).orElse(false);
    }

    private static boolean holder(Award award, Actor.Person person) {
        if (award.recipientUserId() != null) return award.recipientUserId().equals(person.userId());
        return !award.declined() && award.recipientEmail().equalsIgnoreCase(person.email());
    }

    ShareNetwork.Badge badge(Award award, Organization org) {
        return new ShareNetwork.Badge(url(award), award.achievementName(), org.name(), award.recipientName(), award.validFrom(),
                award.validUntil(), award.id().toString(), organizations.linkedInOrganizationId(org.id()).orElse(null));
    }

    Page page(Award award, Organization org) {
        String url = url(award);
        List<Link> links = java.util.Arrays.stream(ShareNetwork.values())
                .map(n -> new Link(n.slug(), n.label(), url + "/share/" + n.slug())).toList();
        boolean embeddable = embeddable(award);
        return new Page(links, embeddable ? embed(award, org, EMBED_WIDTH) : null, embeddable ? oembedUrl(url) : null,
                signature(award, org), QrCodes.svgDataUri(url));
    }

    String url(Award award) {
        return settings.url("/credentials/" + award.id());
    }

    String oembedUrl(String badgeUrl) {
        return settings.url("/oembed?url=" + URLEncoder.encode(badgeUrl, StandardCharsets.UTF_8) + "&format=json");
    }

    /**
     * A self-contained card: no script, no frame, styles inline (the page it is pasted into has none of ours), the
     * badge image served by us, every line a link to the live badge page where its standing is checked.
     */
    String embed(Award award, Organization org, int width) {
        String url = html(url(award));
        String name = html(award.achievementName());
        return "<blockquote class=\"guildmark-badge\" cite=\"" + url + "\" style=\"max-width:" + width + "px;margin:0;padding:12px 16px;"
                + "border:1px solid #c9d1d9;border-radius:8px;font-family:system-ui,sans-serif;font-size:14px;line-height:1.4\">"
                + "<a href=\"" + url + "\"><img src=\"" + url + ".png\" alt=\"Badge: " + name + "\" width=\"96\" height=\"96\" "
                + "style=\"float:left;margin:0 12px 4px 0;border:0\"></a>"
                + "<p style=\"margin:0 0 4px;font-weight:bold\"><a href=\"" + url + "\">" + name + "</a></p>"
                + "<p style=\"margin:0 0 4px\">Earned by " + html(award.recipientName()) + ", issued by " + html(org.name()) + " in "
                + MONTH.format(award.validFrom()) + "</p>"
                + "<p style=\"margin:0\"><a href=\"" + url + "\">Verify this badge</a></p></blockquote>";
    }

    /** A line for an e-mail signature: the badge image and its name, both linking to the badge page. No styles, no script. */
    String signature(Award award, Organization org) {
        String url = html(url(award));
        String name = html(award.achievementName());
        return "<a href=\"" + url + "\"><img src=\"" + url + ".png\" alt=\"Badge: " + name + "\" width=\"48\" height=\"48\" border=\"0\" "
                + "align=\"middle\"></a> <a href=\"" + url + "\">" + name + "</a> — " + html(org.name());
    }

    private static String html(String text) {
        return HtmlUtils.htmlEscape(text, "UTF-8");
    }
}
