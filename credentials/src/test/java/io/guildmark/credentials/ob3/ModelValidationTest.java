package io.guildmark.credentials.ob3;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelValidationTest {

    @Test
    void hashedEmailIsSha256OfLowercasedAddressAndSalt() throws Exception {
        IdentityObject identity = IdentityObject.hashedEmail("Ada.Lovelace@Example.ORG", "s4lt");
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest("ada.lovelace@example.orgs4lt".getBytes(StandardCharsets.UTF_8)));

        assertThat(identity.identityHash()).isEqualTo("sha256$" + expected);
        assertThat(identity.hashed()).isTrue();
        assertThat(identity.salt()).isEqualTo("s4lt");
        assertThat(identity.identityType()).isEqualTo("emailAddress");
        assertThat(identity.toJson().getString("type")).isEqualTo("IdentityObject");
    }

    @Test
    void hashedEmailMatchesTheAddressInAnyCase() {
        IdentityObject identity = IdentityObject.hashedEmail("ada@example.org");

        assertThat(identity.matchesEmail("ADA@example.org")).isTrue();
        assertThat(identity.matchesEmail("eve@example.org")).isFalse();
    }

    @Test
    void randomSaltsDiffer() {
        assertThat(IdentityObject.hashedEmail("ada@example.org").identityHash())
                .isNotEqualTo(IdentityObject.hashedEmail("ada@example.org").identityHash());
    }

    @Test
    void hashedIdentityMustLookLikeAHash() {
        assertThatThrownBy(() -> new IdentityObject("emailAddress", true, "ada@example.org", null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unknownAchievementTypeIsRejectedButExtensionsAreAllowed() {
        Achievement a = Ob3Fixture.achievement();

        assertThatThrownBy(() -> new Achievement(a.id(), a.name(), a.description(), a.criteria(), null, "Trophy",
                null, null, null, null, null, null, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("achievementType");
        assertThat(new Achievement(a.id(), a.name(), a.description(), a.criteria(), null, "ext:GuildTrophy", null,
                null, null, null, null, null, null, null, null, null).achievementType()).isEqualTo("ext:GuildTrophy");
    }

    @Test
    void blankAchievementNameIsRejected() {
        assertThatThrownBy(() -> Achievement.of("https://x.example/a", " ", "d", Criteria.narrative("n")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name");
    }

    @Test
    void negativeCreditsAreRejected() {
        Achievement a = Ob3Fixture.achievement();

        assertThatThrownBy(() -> new Achievement(a.id(), a.name(), a.description(), a.criteria(), null, null, null,
                null, new BigDecimal("-1"), null, null, null, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void criteriaNeedsAnIdOrANarrative() {
        assertThatThrownBy(() -> new Criteria(null, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void alignmentNeedsAnAbsoluteTargetUrl() {
        assertThatThrownBy(() -> new Alignment("Skill", "skills/1", null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("targetUrl");
    }

    @Test
    void resultNeedsSomethingAchieved() {
        assertThatThrownBy(() -> new Result(null, null, null, null, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void listsAreImmutableCopies() {
        List<String> tags = new java.util.ArrayList<>(List.of("a"));
        Achievement a = Ob3Fixture.achievement();
        Achievement tagged = new Achievement(a.id(), a.name(), a.description(), a.criteria(), null, null, null, tags,
                null, null, null, null, null, null, null, null);
        tags.add("b");

        assertThat(tagged.tag()).containsExactly("a");
        assertThatThrownBy(() -> tagged.tag().add("c")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void imageTypeIsTheSingleStringImage() {
        assertThat(Image.of("https://x.example/i.png").toJson().getString("type")).isEqualTo("Image");
    }
}
