package io.guildmark.app.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

class ListCursorTest {

    private final ListCursor cursors = new ListCursor("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8));

    @Test
    void aCursorGivesBackTheSortKeyItWasMadeWith() {
        List<String> key = List.of("2026-12-04T18:00:00.123456Z", "Zoë O'Brien, \"=1+1\"", "c0ffee00-0000-4000-8000-000000000001");
        String cursor = cursors.encode("awards", "newest", key);
        assertThat(cursor).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
        assertThat(cursors.decode("awards", "newest", 3, cursor)).isEqualTo(key);
    }

    @Test
    void aTamperedOrTruncatedCursorIsRefusedAsInvalid() {
        String cursor = cursors.encode("awards", "newest", List.of("2026-12-04T18:00:00Z", "id-1"));
        String payload = cursor.substring(0, cursor.indexOf('.'));
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.ISO_8859_1).replace("id-1", "id-2").getBytes(StandardCharsets.ISO_8859_1));
        for (String bad : List.of(forged + cursor.substring(cursor.indexOf('.')), cursor.substring(0, cursor.length() - 3), "bm90LWEtY3Vyc29y",
                "", ".", "a.b.c", "!!!.???", "x".repeat(5000) + "." + "y")) {
            assertThatThrownBy(() -> cursors.decode("awards", "newest", 2, bad)).as(bad)
                    .isInstanceOfSatisfying(Problem.class, p -> {
                        assertThat(p.kind()).isEqualTo(Problem.Kind.INVALID);
                        assertThat(p.code()).isEqualTo("cursor-invalid");
                    });
        }
    }

    @Test
    void anotherListsOrAnotherOrdersCursorIsRefused() {
        String cursor = cursors.encode("awards", "newest", List.of("2026-12-04T18:00:00Z", "id-1"));
        assertThatThrownBy(() -> cursors.decode("submissions", "newest", 2, cursor)).isInstanceOf(Problem.class);
        assertThatThrownBy(() -> cursors.decode("awards", "oldest", 2, cursor)).isInstanceOf(Problem.class);
        assertThatThrownBy(() -> cursors.decode("awards", "newest", 3, cursor)).isInstanceOf(Problem.class);
    }

    @Test
    void aCursorSignedWithAnotherKeyIsRefused() {
        String cursor = new ListCursor("another key of thirty-two bytes!".getBytes(StandardCharsets.UTF_8))
                .encode("awards", "newest", List.of("2026-12-04T18:00:00Z", "id-1"));
        assertThatThrownBy(() -> cursors.decode("awards", "newest", 2, cursor)).isInstanceOf(Problem.class);
    }

    @Test
    void aSortKeyThatDoesNotParseIsAnInvalidCursorNotAnError() {
        ListOrder order = ListOrder.descending("newest", ListOrder.instant("issued_at"), ListOrder.uuid("id"));
        assertThatThrownBy(() -> order.parse(List.of("yesterday", "not-a-uuid"))).isInstanceOfSatisfying(Problem.class,
                p -> assertThat(p.code()).isEqualTo("cursor-invalid"));
    }
}
