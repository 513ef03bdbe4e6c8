package io.guildmark.app.earning;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import io.guildmark.app.earning.model.EarningDesign;

/** Work products, reviews and a signed-in person's HTTP session (with uploads and response headers), for peer review tests. */
final class PeerReviewFixture {

    /** The criteria of {@code EarningWorld.rubric}. */
    static final List<String> CRITERIA = List.of("facilitation", "actions");

    private PeerReviewFixture() {}

    /** A work product design: written responses and the given file kinds, 14 review days, blind, no deadline. */
    static EarningDesign.SubmissionDesign design(int reviewers, int resubmissions, List<String> fileTypes, int maxFileMegabytes) {
        return new EarningDesign.SubmissionDesign("Upload your retrospective notes and answer for each criterion.", fileTypes,
                maxFileMegabytes, 3, true, resubmissions, reviewers, false, true, 14, null);
    }

    static Map<String, String> responses(String text) {
        Map<String, String> responses = new LinkedHashMap<>();
        CRITERIA.forEach(c -> responses.put(c, text + " (" + c + ")"));
        return responses;
    }

    /** A review giving every criterion the same level, with feedback on each. */
    static Reviews.ReviewForm review(String level, String verdict) {
        Map<String, String> levels = new LinkedHashMap<>();
        Map<String, String> feedback = new LinkedHashMap<>();
        CRITERIA.forEach(c -> {
            levels.put(c, level);
            feedback.put(c, "On " + c + ": the work is at " + level + ".");
        });
        return new Reviews.ReviewForm(levels, feedback, "Overall: " + verdict, verdict);
    }

    /** A small but real PDF (Tika reads "%PDF-"). */
    static byte[] pdf(String text) {
        return ("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n% " + text + "\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] png() {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The start of a Windows program (MZ header pointing at a PE header). */
    static byte[] program() {
        byte[] exe = new byte[512];
        exe[0] = 'M';
        exe[1] = 'Z';
        exe[0x3c] = (byte) 0x80;
        exe[0x80] = 'P';
        exe[0x81] = 'E';
        return exe;
    }

    /** A person's browser session without a browser: cookies, CSRF tokens from pages, uploads, and response headers. */
    static final class Session {

        private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"|value=\"([^\"]+)\"\\s+name=\"_csrf\"");

        record Response(int status, HttpHeaders headers, byte[] bytes) {
            String body() {
                return new String(bytes, StandardCharsets.UTF_8);
            }

            String header(String name) {
                return headers.firstValue(name).orElse(null);
            }
        }

        private final String base;
        private final HttpClient http;

        Session(String base) {
            this.base = base;
            this.http = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NORMAL)
                    .connectTimeout(Duration.ofSeconds(5)).build();
        }

        static Session signedIn(String base, String email, String password) {
            Session session = new Session(base);
            Response signedIn = session.post("/signin", "/signin", "email", email, "password", password);
            if (signedIn.body().contains("name=\"password\"")) throw new AssertionError("Could not sign in " + email);
            return session;
        }

        Response get(String path) {
            return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
        }

        /** Opens the page with the form, then posts the fields with the page's CSRF token. */
        Response post(String formPage, String action, String... fields) {
            List<String> pairs = new ArrayList<>();
            pairs.add("_csrf=" + encode(csrf(formPage)));
            for (int i = 0; i < fields.length; i += 2) pairs.add(encode(fields[i]) + "=" + encode(fields[i + 1]));
            return send(HttpRequest.newBuilder(URI.create(base + action)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(String.join("&", pairs))));
        }

        /** Uploads one file as a browser does (multipart/form-data), with the page's CSRF token. */
        Response upload(String formPage, String action, String fileName, String contentType, byte[] content) {
            String boundary = "----guildmark" + UUID.randomUUID();
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf(formPage) + "\r\n");
            write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\nContent-Type: "
                    + contentType + "\r\n\r\n");
            body.writeBytes(content);
            write(body, "\r\n--" + boundary + "--\r\n");
            return send(HttpRequest.newBuilder(URI.create(base + action)).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
        }

        private String csrf(String formPage) {
            String page = get(formPage).body();
            Matcher m = CSRF.matcher(page);
            if (!m.find()) throw new AssertionError("No CSRF token on " + formPage + ":\n" + page);
            return m.group(1) != null ? m.group(1) : m.group(2);
        }

        private static void write(ByteArrayOutputStream out, String text) {
            out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        }

        private Response send(HttpRequest.Builder request) {
            try {
                HttpResponse<byte[]> response = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
                return new Response(response.statusCode(), response.headers(), response.body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private static String encode(String s) {
            return URLEncoder.encode(s, StandardCharsets.UTF_8);
        }
    }
}
