package io.guildmark.app.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import io.guildmark.app.shared.Problem;
import org.junit.jupiter.api.Test;

/** How an employer's uploads are taken apart into the credentials of a batch, and what is refused before anything is checked. */
class BatchInputTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aCsvNamesTheCandidateOfEachAddressWithOrWithoutItsHeader() {
        BatchInput input = new BatchInput();
        input.file("with-header.csv", "text/csv", utf8("\uFEFFurl,name,email\r\nhttps://a.example/1,Alex Rivera,alex@example.org\r\n"));
        input.file("plain.csv", null, utf8("https://a.example/2,,bea@example.org\n\nhttps://a.example/3\n"));

        assertThat(input.items()).extracting(BatchInput.Item::url)
                .containsExactly("https://a.example/1", "https://a.example/2", "https://a.example/3");
        assertThat(input.items().get(0).candidate()).isEqualTo(new BatchInput.Candidate("Alex Rivera", "alex@example.org"));
        assertThat(input.items().get(1).candidate()).isEqualTo(new BatchInput.Candidate("bea@example.org", "bea@example.org"));
        assertThat(input.items().get(2).candidate()).isNull();
        assertThat(input.items().get(0).source()).startsWith("with-header.csv row 2");
    }

    @Test
    void aCsvRowWithABadEmailIsRefusedNamingTheRow() {
        assertThatThrownBy(() -> new BatchInput().csv("people.csv", "https://a.example/1,Alex,not-an-address\n"))
                .isInstanceOf(Problem.class).hasMessageContaining("Row 1 of people.csv");
    }

    @Test
    void aJsonArrayMayMixCredentialsJwtsAndAddressesAndAPresentationIsTakenApart() {
        BatchInput input = new BatchInput();
        input.json("array", utf8("[{\"type\":[\"VerifiableCredential\"]}, \"eyJh.eyJi.c2ln\", \"https://a.example/1\", 42]"));
        input.file("vp.json", "application/json", utf8("{\"type\":\"VerifiablePresentation\",\"verifiableCredential\":[{\"id\":\"a\"},"
                + "{\"id\":\"data:application/vc+jwt,eyJh.eyJi.c2ln\",\"type\":\"EnvelopedVerifiableCredential\"}]}"));

        assertThat(input.items()).hasSize(6);
        assertThat(input.items().get(0).contentType()).isEqualTo("application/vc+ld+json");
        assertThat(input.items().get(1).contentType()).isEqualTo("application/vc+jwt");
        assertThat(input.items().get(2).url()).isEqualTo("https://a.example/1");
        assertThat(input.items().get(3).unreadable()).startsWith("Not a credential");
        assertThat(input.items().get(4).source()).isEqualTo("vp.json credential 1");
        assertThat(new String(input.items().get(5).bytes(), StandardCharsets.UTF_8)).isEqualTo("eyJh.eyJi.c2ln");
    }

    @Test
    void aZipIsOpenedOneLevelDeepSkippingFinderLeftovers() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("badges/alex.json", utf8("{\"id\":\"x\"}"));
        files.put("__MACOSX/badges/._alex.json", new byte[] {0});
        files.put(".DS_Store", new byte[] {0});
        files.put("inner.zip", BatchFixture.zip(Map.of("b.json", utf8("{}"))));
        BatchInput input = new BatchInput();
        input.file("badges.zip", "application/zip", BatchFixture.zip(files));

        assertThat(input.items()).extracting(BatchInput.Item::source).containsExactly("badges.zip › badges/alex.json", "badges.zip › inner.zip");
        assertThat(input.items().get(1).unreadable()).contains("ZIP inside a ZIP");
    }

    @Test
    void pathsOutsideTheZipAreRecognisedInEveryForm() {
        assertThat(BatchInput.outsideRoot("../evil")).isTrue();
        assertThat(BatchInput.outsideRoot("a/../../evil")).isTrue();
        assertThat(BatchInput.outsideRoot("a\\..\\evil")).isTrue();
        assertThat(BatchInput.outsideRoot("/etc/passwd")).isTrue();
        assertThat(BatchInput.outsideRoot("C:/Windows/evil")).isTrue();
        assertThat(BatchInput.outsideRoot("badges/..alex.png")).isFalse();
        assertThat(BatchInput.outsideRoot("badges/alex.png")).isFalse();
    }

    @Test
    void theThousandAndFirstCredentialIsRefused() {
        BatchInput input = new BatchInput();
        input.urls("https://a.example/x\n".repeat(1000));
        assertThatThrownBy(() -> input.urls("https://a.example/y")).isInstanceOf(Problem.class).hasMessageContaining("at most 1000");
    }

    @Test
    void aZipBombAndAZipOfTooManyEntriesAreRefusedWhileReading() {
        assertThatThrownBy(() -> new BatchInput().file("bomb.zip", "application/zip", BatchFixture.zipBomb()))
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.code()).isEqualTo("zip-too-large"));
        Map<String, byte[]> many = new LinkedHashMap<>();
        for (int i = 0; i <= BatchInput.MAX_ZIP_ENTRIES; i++) many.put("badge-" + i + ".json", utf8("{}"));
        assertThatThrownBy(() -> new BatchInput().file("many.zip", "application/zip", BatchFixture.zip(many)))
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.code()).isEqualTo("zip-too-many-entries"));
        assertThatThrownBy(() -> new BatchInput().file("slip.zip", "application/zip",
                BatchFixture.zip(Map.of("ok.json", utf8("{}"), "../../etc/cron.d/evil", utf8("x")))))
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.code()).isEqualTo("zip-path-outside-root"));
    }

    @Test
    void aCsvInsideAZipKeepsItsPrivateAddressesAsRowsForTheVerifierToRefuse() {
        BatchInput input = new BatchInput();
        input.file("candidates.zip", "application/zip", BatchFixture.zip(Map.of("candidates.csv",
                utf8("http://10.0.0.7/badge,Bea Lind,bea@example.org\nhttp://169.254.169.254/latest/meta-data,Cy,cy@example.org\n"))));
        assertThat(input.items()).hasSize(2).allSatisfy(item -> assertThat(item.url()).startsWith("http://"));
    }

    @Test
    void aPresentationsCredentialsKnowTheirHolderAndTheSubjectEachNames() {
        String jwtPayload = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                utf8("{\"credentialSubject\":{\"id\":\"did:key:zJwt\"}}"));
        String vp = "{\"type\":[\"VerifiablePresentation\"],\"holder\":{\"id\":\"did:key:zHolder\"},\"verifiableCredential\":["
                + "{\"type\":[\"VerifiableCredential\"],\"credentialSubject\":{\"id\":\"did:key:zHolder\"}},"
                + "{\"type\":[\"VerifiableCredential\"],\"credentialSubject\":[{\"identifier\":[]}]},"
                + "\"eyJhbGciOiJFZERTQSJ9." + jwtPayload + ".c2ln\"]}";
        BatchInput input = new BatchInput();
        input.json("the JSON body", utf8(vp));
        var items = input.items();
        assertThat(items).hasSize(3).allSatisfy(item -> {
            assertThat(item.presented()).isNotNull();
            assertThat(item.presented().presentation().holder).isEqualTo("did:key:zHolder");
            assertThat(item.presented().presentation().hasProof).isFalse();
        });
        assertThat(items.get(0).presented().subjectId()).isEqualTo("did:key:zHolder");
        assertThat(items.get(1).presented().subjectId()).isNull();
        assertThat(items.get(2).presented().subjectId()).isEqualTo("did:key:zJwt");
        assertThat(BatchRow.Holder.of(items.get(0).presented(), null)).isEqualTo(new BatchRow.Holder("MATCH", "NONE"));
        assertThat(BatchRow.Holder.of(items.get(1).presented(), null).binding()).isEqualTo("NO_SUBJECT_ID");
        assertThat(BatchRow.Holder.of(items.get(2).presented(), null).binding()).isEqualTo("MISMATCH");
        assertThat(BatchRow.Holder.of(null, null)).isEqualTo(BatchRow.Holder.NONE);
    }
}
