package io.guildmark.app.issuing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

class BadgeImagesTest {

    private static final Pattern TEXT = Pattern.compile("<text [^>]*font-size=\"([0-9.]+)\"[^>]*textLength=\"([0-9.]+)\"[^>]*>([^<]*)</text>");

    @Test
    void longCredentialAndIssuerNamesAreDrawnWholeOnTheSeal() {
        String achievement = "Advanced Stakeholder Engagement and Communication Planning for Complex Infrastructure Programs";
        String issuer = "Cascadia Association of Certified Project Management Professionals International";
        List<String> lines = lines(BadgeImages.svg(achievement, issuer, 210));
        assertThat(String.join(" ", lines)).isEqualTo(achievement + " " + issuer);
        assertThat(String.join(" ", lines)).doesNotContain("…");
    }

    @Test
    void aNameOf120CharactersIsDrawnWholeOnTheSeal() {
        String achievement = ("Integrated Cost, Schedule and Risk Control for Multi-Year Public Infrastructure Programmes "
                + "under Regulatory Oversight Boards").substring(0, 120).strip();
        assertThat(achievement).hasSize(120);
        List<String> lines = lines(BadgeImages.svg(achievement, "Guild", 30));
        // Lines break at spaces and after hyphens; every character is drawn and none is an ellipsis.
        assertThat(String.join("", lines).replace(" ", "")).isEqualTo((achievement + "Guild").replace(" ", "")).doesNotContain("…");
    }

    @Test
    void theOpenGraphImageIs1200By630WithTheBadgeForLongAndNonLatinNames() throws Exception {
        byte[] badge = BadgeImages.png("项目管理专业人员能力评价与认证", "جمعية المهنيين في إدارة المشاريع", 40);
        byte[] og = BadgeImages.openGraph(badge, "x".repeat(60) + " 项目管理专业人员能力评价与认证 " + "y".repeat(44), "جمعية المهنيين في إدارة المشاريع", 40);
        var image = ImageIO.read(new ByteArrayInputStream(og));
        assertThat(image.getWidth()).isEqualTo(1200);
        assertThat(image.getHeight()).isEqualTo(630);
        assertThat(image.getRGB(280, 300)).as("the badge is drawn on the left").isNotEqualTo(java.awt.Color.WHITE.getRGB());
    }

    @Test
    void namesInOtherScriptsAreDrawnWholeToo() {
        String achievement = "项目管理专业人员能力评价与认证";
        String issuer = "جمعية المهنيين في إدارة المشاريع";
        List<String> lines = lines(BadgeImages.svg(achievement, issuer, 10));
        assertThat(String.join("", lines)).contains(achievement.substring(0, 4)).doesNotContain("…");
        assertThat(String.join("", lines).replace(" ", "")).contains(achievement);
    }

    @Test
    void everyLineStaysInsideTheSeal() {
        Matcher m = TEXT.matcher(new String(BadgeImages.svg("Earned Value Management", "A very long issuer name that goes on and on", 10),
                StandardCharsets.UTF_8));
        int found = 0;
        while (m.find()) {
            found++;
            assertThat(Float.parseFloat(m.group(2))).isLessThanOrEqualTo(270);
            assertThat(Float.parseFloat(m.group(1))).isGreaterThanOrEqualTo(10);
        }
        assertThat(found).isGreaterThanOrEqualTo(3);
    }

    @Test
    void thePngIsDrawnForNamesWithEmojiCjkAndCharactersNoFontHas() throws Exception {
        byte[] png = BadgeImages.png("Sprint Review 🎓 项目 \uD800\uDF80", "Αθήνα Association", 120);
        var image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(BadgeImages.SIZE);
        assertThat(image.getHeight()).isEqualTo(BadgeImages.SIZE);
    }

    private static List<String> lines(byte[] svg) {
        Matcher m = TEXT.matcher(new String(svg, StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        while (m.find()) lines.add(m.group(3).replace("&amp;", "&").replace("&apos;", "'"));
        return lines;
    }
}
