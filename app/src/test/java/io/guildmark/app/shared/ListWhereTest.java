package io.guildmark.app.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ListWhereTest {

    @Test
    void aSearchMatchesItsWordsLiterallyInEveryExpressionAndInNamedValues() {
        ListWhere where = ListWhere.of("organization_id = ?", "org").search(" 100%_Off\\ ", "code", Map.of("c1", "Half OFF 100%_off\\ sale", "c2", "Other"),
                "lower(name)", "email");
        assertThat(where.sql()).isEqualTo("organization_id = ? and (lower(name) like ? escape '\\' or email like ? escape '\\' or code in (?))");
        assertThat(where.params()).containsExactly("org", "%100\\%\\_off\\\\%", "%100\\%\\_off\\\\%", "c1");
    }

    @Test
    void filtersNotGivenAddNothing() {
        ListWhere where = ListWhere.of("organization_id = ?", "org").search("  ", "lower(name)").equal("state", null).days("issued_at", null, null);
        assertThat(where.sql()).isEqualTo("organization_id = ?");
        assertThat(where.params()).containsExactly("org");
    }

    @Test
    void aDayRangeIsWholeUtcDaysWithBothEndsIncluded() {
        ListWhere where = ListWhere.of("1 = 1").days("issued_at", LocalDate.of(2026, 1, 2), LocalDate.of(2026, 1, 3));
        assertThat(where.sql()).isEqualTo("1 = 1 and issued_at >= ? and issued_at < ?");
        assertThat(where.params()).isEqualTo(List.of(Timestamp.from(Instant.parse("2026-01-02T00:00:00Z")),
                Timestamp.from(Instant.parse("2026-01-04T00:00:00Z"))));
        assertThatThrownBy(() -> ListWhere.of("1 = 1").days("issued_at", LocalDate.of(2026, 1, 3), LocalDate.of(2026, 1, 2)))
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.fieldErrors().get(0).field()).isEqualTo("to"));
    }

    @Test
    void aSearchOver200CharactersIsRefusedOnTheFieldQ() {
        assertThatThrownBy(() -> ListWhere.of("1 = 1").search("x".repeat(201), "lower(name)"))
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.fieldErrors().get(0).field()).isEqualTo("q"));
    }

    @Test
    void unknownChoicesAreRefusedNamingWhatIsAccepted() {
        enum Color { RED, DARK_BLUE }
        assertThat(ListParams.choice(Color.class, "dark-blue", "color")).isEqualTo(Color.DARK_BLUE);
        assertThatThrownBy(() -> ListParams.choice(Color.class, "green", "color"))
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.getMessage()).isEqualTo("The color is one of red, dark_blue."));
    }
}
