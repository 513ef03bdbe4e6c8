package io.guildmark.app.issuing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.guildmark.app.support.Api;
import io.guildmark.app.support.Catalog;
import io.guildmark.app.support.Fixtures;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.credentials.Credentials;
import io.guildmark.credentials.did.DidKeyResolver;
import io.guildmark.credentials.proof.Ed25519KeyPair;
import io.guildmark.credentials.proof.ProofOptions;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our credentials checked by a verifier we did not write: Digital Bazaar's {@code @digitalbazaar/vc} with the
 * {@code eddsa-rdfc-2022} Data Integrity suite and {@code @digitalbazaar/vc-bitstring-status-list}, run by
 * {@code tools/interop/verify.mjs} under Node.js. That script knows nothing of Guildmark: it serves only the JSON-LD
 * contexts bundled in the repository, and fetches the issuer's DID document and the status list over HTTP from the
 * addresses in the credential. Skipped when Node.js or {@code tools/interop/node_modules} is missing, except in CI
 * ({@code CI=true}), which must run it ({@code .ci/run} installs both).
 */
class IndependentVerifierIntegrationTest extends IntegrationTest {

    private static final long TIMEOUT_SECONDS = 90;

    @TempDir
    Path temp;

    private String slug;
    private Api key;
    private String achievementId;

    /** The repository root (the app module's parent), or why the independent verifier cannot run here. */
    private static Path repository;
    private static String missing;

    @BeforeAll
    static void findTheRepository() {
        Path root = Path.of("").toAbsolutePath().getParent();
        if (root == null || !Files.isRegularFile(root.resolve("tools/interop/verify.mjs"))) {
            root = Path.of("").toAbsolutePath();
        }
        assertThat(root.resolve("tools/interop/verify.mjs")).as("the independent verifier script").isRegularFile();
        repository = root;
        if (!onPath("node")) {
            missing = "node is not on the PATH (install Node.js 18+)";
        } else if (!Files.isDirectory(root.resolve("tools/interop/node_modules/@digitalbazaar/vc"))) {
            missing = "tools/interop/node_modules is missing (run: npm ci --prefix tools/interop --no-audit --no-fund)";
        }
    }

    /** Skips each test (visibly) where Node.js or the npm packages are missing; in CI that is a failure. */
    @BeforeEach
    void nodeAndTheInteropPackagesAreInstalledAndAnOrganizationHasAPublishedMicroCredential() {
        if (missing != null) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail("CI must run the independent verifier, but " + missing);
            }
            String reason = "SKIPPED: independent verifier (Digital Bazaar) not run: " + missing;
            System.err.println(reason);
            Assumptions.abort(reason);
        }
        slug = Fixtures.createOrganization(admin(), "interop");
        key = api().withToken(Fixtures.createApiKey(admin(), slug));
        achievementId = Catalog.publishedMicroCredential(key, slug, "Run a Retrospective");
    }

    @Test
    void anAwardedCredentialVerifiesFromItsUrlAloneAndFailsOnceRevoked() throws Exception {
        Api.Response awarded = award("Ingrid Öberg");
        String id = awarded.json().get("id").asText();
        String body = api().get(awarded.json().get("credentialUrl").asText(), "application/vc+ld+json").body();
        JsonObject credential = parse(body);
        assertThat(credential.getJsonObject("credentialSubject").getJsonObject("achievement").getJsonArray("alignment")).hasSize(2);
        assertThat(credential.getJsonArray("evidence")).hasSize(1);
        assertThat(credential.getJsonObject("credentialStatus").getString("type")).isEqualTo("BitstringStatusListEntry");
        Path file = write("credential.json", body);

        JsonObject verified = independentlyVerify(file);
        assertThat(verified.getBoolean("verified")).as(verified.toString()).isTrue();
        assertThat(verified.getBoolean("statusChecked")).as(verified.toString()).isTrue();
        assertThat(verified.getBoolean("revoked")).isFalse();
        String did = credential.getJsonObject("issuer").getString("id");
        assertThat(strings(verified, "fetched")).as("fetched from the credential alone").containsExactlyInAnyOrder(
                baseUrl() + "/issuers/" + slug + "/did.json",
                credential.getJsonObject("credentialStatus").getString("statusListCredential"));
        assertThat(did).isEqualTo("did:web:127.0.0.1%3A" + port + ":issuers:" + slug);

        Api.Response revoked = key.post("/api/v1/awards/" + id + "/revoke", Map.of("reason", "Issued in error"));
        assertThat(revoked.status()).isEqualTo(200);

        JsonObject afterRevocation = independentlyVerify(file);
        assertThat(afterRevocation.getBoolean("verified")).as(afterRevocation.toString()).isFalse();
        assertThat(afterRevocation.getBoolean("statusChecked")).as(afterRevocation.toString()).isTrue();
        assertThat(afterRevocation.getBoolean("revoked")).as(afterRevocation.toString()).isTrue();
        assertThat(afterRevocation.getBoolean("proofVerified")).isTrue();
    }

    @Test
    void aCredentialWithThe1EdTechRevocationListVerifiesItsProofWithTheExtensionsContext() throws Exception {
        assertThat(admin().patch("/api/v1/organizations/" + slug, Map.of("revocationMethod", "1EdTechRevocationList")).status()).isEqualTo(200);
        String body = api().get(award("Una Edtech").json().get("credentialUrl").asText(), "application/vc+ld+json").body();
        assertThat(parse(body).getJsonArray("@context").getString(2)).isEqualTo("https://purl.imsglobal.org/spec/ob/v3p0/extensions.json");

        // Digital Bazaar has no 1EdTechRevocationList status checker: the proof is checked, the status is not.
        JsonObject result = independentlyVerify(write("oneedtech.json", body));
        assertThat(result.getBoolean("verified")).as(result.toString()).isTrue();
        assertThat(result.getBoolean("statusChecked")).isFalse();
        assertThat(result.getString("statusSkipped")).contains("1EdTechRevocationList");
    }

    @Test
    void tamperingWithAnyValueFailsTheIndependentProofCheck() throws Exception {
        String body = api().get(award("Tove Tamper").json().get("credentialUrl").asText(), "application/vc+ld+json").body();
        assertThat(independentlyVerify(write("original.json", body)).getBoolean("verified")).isTrue();

        for (String[] change : List.of(
                new String[] {"Tove Tamper", "Tove Tampered"},
                new String[] {"Run a Retrospective", "Run a Sprint"},
                new String[] {"https://portfolio.example.org/retro", "https://portfolio.example.org/other"},
                new String[] {"RISK-2", "RISK-3"})) {
            assertThat(body).contains(change[0]);
            JsonObject result = independentlyVerify(write("tampered.json", body.replace(change[0], change[1])));
            assertThat(result.getBoolean("verified")).as(change[0] + " -> " + change[1] + ": " + result).isFalse();
            assertThat(result.getBoolean("proofVerified")).as(result.toString()).isFalse();
            assertThat(result.getString("error")).as(result.toString()).containsIgnoringCase("signature");
        }
    }

    @Test
    void aCredentialSignedByTheLibraryForADidKeyIssuerVerifiesOffline() throws Exception {
        JsonObject issued = parse(api().get(award("Kim Key").json().get("credentialUrl").asText(), "application/vc+ld+json").body());
        Ed25519KeyPair pair = Ed25519KeyPair.generate();
        String did = DidKeyResolver.didFor(pair.publicKey());
        JsonObject unsigned = Json.createObjectBuilder(issued)
                .remove("proof")
                .remove("credentialStatus")
                .add("issuer", Json.createObjectBuilder(issued.getJsonObject("issuer")).add("id", did))
                .build();
        JsonObject signed = Credentials.sign(unsigned,
                ProofOptions.assertion(DidKeyResolver.verificationMethodFor(pair.publicKey()), Instant.now()), pair);

        JsonObject result = independentlyVerify(write("didkey.json", signed.toString()), "--offline");
        assertThat(result.getBoolean("verified")).as(result.toString()).isTrue();
        assertThat(strings(result, "fetched")).isEmpty();

        String tampered = signed.toString().replace("Kim Key", "Kim Keys");
        JsonObject failed = independentlyVerify(write("didkey-tampered.json", tampered), "--offline");
        assertThat(failed.getBoolean("verified")).as(failed.toString()).isFalse();
    }

    private Api.Response award(String name) {
        Api.Response awarded = key.post("/api/v1/organizations/" + slug + "/awards", Map.of("achievementId", achievementId,
                "recipient", Map.of("email", Fixtures.uniqueEmail("interop"), "name", name),
                "evidence", List.of(Map.of("narrative", "Facilitated the retrospective of the Lighthouse project.",
                        "url", "https://portfolio.example.org/retro"))));
        assertThat(awarded.status()).as(awarded.body()).isEqualTo(201);
        return awarded;
    }

    private Path write(String name, String json) throws IOException {
        return Files.writeString(temp.resolve(name), json, StandardCharsets.UTF_8);
    }

    /** Runs {@code node tools/interop/verify.mjs [options] file} from the repository root; answers its JSON result. */
    private static JsonObject independentlyVerify(Path credential, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of("node", "tools/interop/verify.mjs"));
        command.addAll(List.of(options));
        command.add(credential.toAbsolutePath().toString());
        Path out = Files.createTempFile(credential.getParent(), "verify", ".out");
        Path err = Files.createTempFile(credential.getParent(), "verify", ".err");
        Process process = new ProcessBuilder(command).directory(repository.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("verify.mjs did not finish in " + TIMEOUT_SECONDS + " s; stderr: " + Files.readString(err));
        }
        String stdout = Files.readString(out).strip();
        String stderr = Files.readString(err);
        assertThat(process.exitValue()).as("exit code of %s; stdout: %s; stderr: %s", command, stdout, stderr).isIn(0, 1);
        String[] lines = stdout.split("\n");
        JsonObject result = parse(lines[lines.length - 1]);
        System.out.println("Independent verifier: " + String.join(" ", command) + " -> " + result);
        assertThat(process.exitValue()).as("exit code agrees with %s", result).isEqualTo(result.getBoolean("verified") ? 0 : 1);
        return result;
    }

    private static List<String> strings(JsonObject result, String name) {
        return result.getJsonArray(name).getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList();
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) return true;
        }
        return false;
    }

    private static JsonObject parse(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
