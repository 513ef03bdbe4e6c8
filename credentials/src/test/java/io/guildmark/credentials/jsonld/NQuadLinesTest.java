package io.guildmark.credentials.jsonld;

import com.apicatalog.rdf.nquads.NQuadsWriter;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Lines are titanium's, byte for byte, for every kind of term and every character class. */
class NQuadLinesTest {

    private static final String[] DATATYPES = {null, "http://www.w3.org/2001/XMLSchema#string",
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString", "http://www.w3.org/2001/XMLSchema#dateTime",
        "https://www.w3.org/ns/i18n#en_rtl"};

    @Test
    void everyCharacterOfTheFirstPlaneAndBeyondIsWrittenAsTitaniumWritesIt() {
        StringBuilder all = new StringBuilder();
        for (int c = 0; c <= 0xFFFF; c++) {
            all.append((char) c);
        }
        all.appendCodePoint(0x1F642).append('\uD800').append("x\uDC00");
        for (int from = 0; from < all.length(); from += 512) {
            String chunk = all.substring(from, Math.min(all.length(), from + 512));
            assertSameLine("urn:x:s", "urn:x:p", chunk, DATATYPES[1], null, null, null);
            assertSameLine("_:b0", "urn:x:p", chunk, DATATYPES[2], "en-GB", null, "_:g");
        }
    }

    @Test
    void randomQuadsAreWrittenAsTitaniumWritesThem() {
        Random random = new Random(11);
        String[] resources = {"urn:x:a", "_:b1", "https://example.org/ü?q=1#f", "_:c14n0", "relative", ""};
        String[] literals = {"", "plain", "tab\there", "quote \" and \\ backslash", "\u0000\u001f\u007f\u0080",
            "Zoë 李 🙂", "\r\n\f\b"};
        List<String> mismatches = new ArrayList<>();
        for (int n = 0; n < 5000; n++) {
            String datatype = DATATYPES[random.nextInt(DATATYPES.length)];
            String language = datatype != null && random.nextBoolean() ? "en" : null;
            String direction = language != null && random.nextInt(4) == 0 ? "rtl" : null;
            String object = datatype != null ? literals[random.nextInt(literals.length)]
                    : resources[random.nextInt(resources.length)];
            String graph = random.nextBoolean() ? null : resources[random.nextInt(resources.length)];
            String subject = resources[random.nextInt(resources.length)];
            String line = NQuadLines.line(subject, "urn:x:p", object, datatype, language, direction, graph);
            if (!line.equals(NQuadsWriter.nquad(subject, "urn:x:p", object, datatype, language, direction, graph))) {
                mismatches.add(line);
            }
        }
        assertThat(mismatches).isEmpty();
    }

    private static void assertSameLine(String s, String p, String o, String dt, String lang, String dir, String g) {
        assertThat(NQuadLines.line(s, p, o, dt, lang, dir, g)).isEqualTo(NQuadsWriter.nquad(s, p, o, dt, lang, dir, g));
    }
}
