package io.guildmark.credentials.baking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.guildmark.credentials.baking.BakedCredential.Format;
import io.guildmark.credentials.baking.BakingException.Reason;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SvgBakerTest {

    static final String SVG = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512"><circle cx="256" cy="256" r="200"/></svg>
            """;
    static final String CREDENTIAL = "{\"id\":\"urn:uuid:1\",\"name\":\"Tricky ]]> name & <tags>\"}";
    static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJqdGkiOiJ1cm46dXVpZDoxIn0.c2ln";

    private final SvgBaker baker = new SvgBaker();

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void jsonCredentialRoundTripsInCdata() throws Exception {
        var baked = baker.bake(utf8(SVG), CREDENTIAL, Format.OB3_JSON);

        var text = new String(baked, StandardCharsets.UTF_8);
        assertThat(text).contains("xmlns:openbadges=\"https://purl.imsglobal.org/ob/v3p0\"")
                .contains("<openbadges:credential><![CDATA[").contains("<circle");
        assertThat(text.indexOf("<openbadges:credential")).isLessThan(text.indexOf("<circle"));
        assertThat(baker.extract(baked)).contains(new BakedCredential(Format.OB3_JSON, CREDENTIAL));
    }

    @Test
    void jwtGoesIntoTheVerifyAttribute() throws Exception {
        var baked = baker.bake(utf8(SVG), JWT, Format.OB3_JWT);

        assertThat(new String(baked, StandardCharsets.UTF_8)).contains("verify=\"" + JWT + "\"");
        assertThat(baker.extract(baked)).contains(new BakedCredential(Format.OB3_JWT, JWT));
    }

    @Test
    void rebakingReplacesTheElement() throws Exception {
        var twice = baker.bake(baker.bake(utf8(SVG), CREDENTIAL, Format.OB3_JSON), JWT, Format.OB3_JWT);

        var text = new String(twice, StandardCharsets.UTF_8);
        assertThat(text.indexOf("<openbadges:credential")).isEqualTo(text.lastIndexOf("<openbadges:credential"));
        assertThat(baker.extract(twice).orElseThrow().format()).isEqualTo(Format.OB3_JWT);
    }

    @Test
    void specificationExampleWithWhitespaceAroundCdataIsRead() throws Exception {
        var svg = """
                <?xml version="1.0" encoding="UTF-8"?>
                <svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0" viewBox="0 0 512 512">
                  <openbadges:credential>
                    <![CDATA[
                      {"id": "http://example.edu/credentials/3732"}
                    ]]>
                  </openbadges:credential>
                </svg>
                """;

        assertThat(baker.extract(utf8(svg))).contains(
                new BakedCredential(Format.OB3_JSON, "{\"id\": \"http://example.edu/credentials/3732\"}"));
    }

    @Test
    void openBadges2AssertionRoundTrips() throws Exception {
        var baked = baker.bake(utf8(SVG), "https://example.org/assertions/1", Format.OB2);

        var text = new String(baked, StandardCharsets.UTF_8);
        assertThat(text).contains("xmlns:openbadges=\"http://openbadges.org\"")
                .contains("<openbadges:assertion verify=\"https://example.org/assertions/1\"");
        assertThat(baker.extract(baked)).contains(new BakedCredential(Format.OB2, "https://example.org/assertions/1"));
    }

    @Test
    void bothVersionsCanBeBakedIntoOneImage() throws Exception {
        var both = baker.bake(baker.bake(utf8(SVG), "https://example.org/assertions/1", Format.OB2), JWT, Format.OB3_JWT);

        assertThat(baker.extract(both)).contains(new BakedCredential(Format.OB3_JWT, JWT));
        assertThat(SafeXml.parse(both).getElementsByTagNameNS(SvgBaker.OB2_NAMESPACE, "assertion").getLength())
                .isEqualTo(1);
    }

    @Test
    void imageWithoutBadgeGivesEmpty() throws Exception {
        assertThat(baker.extract(utf8(SVG))).isEmpty();
    }

    @Test
    void externalEntityIsRefused() {
        var xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <svg xmlns="http://www.w3.org/2000/svg"><text>&xxe;</text></svg>
                """;

        assertThatThrownBy(() -> baker.extract(utf8(xxe)))
                .isInstanceOfSatisfying(BakingException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNSAFE_XML));
        assertThatThrownBy(() -> baker.bake(utf8(xxe), JWT, Format.OB3_JWT))
                .isInstanceOfSatisfying(BakingException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNSAFE_XML));
    }

    @Test
    void entityExpansionBombIsRefused() {
        var lol = """
                <?xml version="1.0"?>
                <!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
                <svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>
                """;

        assertThatThrownBy(() -> baker.extract(utf8(lol)))
                .isInstanceOfSatisfying(BakingException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNSAFE_XML));
    }

    @Test
    void nonSvgXmlAndBrokenXmlAreRefused() {
        assertThatThrownBy(() -> baker.extract(utf8("<html xmlns=\"http://www.w3.org/1999/xhtml\"/>")))
                .isInstanceOfSatisfying(BakingException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_FORMAT));
        assertThatThrownBy(() -> baker.extract(utf8("<svg xmlns=\"http://www.w3.org/2000/svg\">")))
                .isInstanceOfSatisfying(BakingException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNSAFE_XML));
    }

    @Test
    void oversizedSvgIsRefused() {
        assertThatThrownBy(() -> new SvgBaker(1024).extract(new byte[2048]))
                .isInstanceOfSatisfying(BakingException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE));
    }
}
