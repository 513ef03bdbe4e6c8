package io.guildmark.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;

import io.guildmark.app.shared.Problem;
import io.guildmark.app.shared.UploadedImages;
import org.junit.jupiter.api.Test;

/**
 * Finding: the SVG cleaner for logos and badge images let through a {@code javascript:} link split by a tab, a style
 * sheet processing instruction before the root element, {@code image-set()}, an escaped {@code @import}
 * ({@code @\69mport}) and {@code data:} SVG images. The Content-Security-Policy blocked them, but the files are served
 * to others. The cleaner now works by allow-list and reads URLs and CSS the way a browser does.
 */
class SvgSanitizerClosesKnownGapsTest {

    private static final UploadedImages.Purpose LOGO = new UploadedImages.Purpose("logo", "the logo");
    private static final String OPEN = "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" viewBox=\"0 0 8 8\">";
    private static final String PNG_DATA = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

    private static String cleaned(String svg) {
        byte[] out = UploadedImages.check(svg.getBytes(StandardCharsets.UTF_8), LOGO, EnumSet.allOf(UploadedImages.Format.class)).content();
        return new String(out, StandardCharsets.UTF_8);
    }

    @Test
    void aJavascriptLinkSplitByATabOrLineBreakIsRefused() {
        assertThatThrownBy(() -> cleaned(OPEN + "<a href=\"#x\"><animate attributeName=\"href\" values=\"java&#9;script:alert(1)\"/>"
                + "<rect width=\"8\" height=\"8\"/></a></svg>")).isInstanceOf(Problem.class).hasMessageContaining("scripts");
        assertThatThrownBy(() -> cleaned(OPEN + "<set attributeName=\"href\" to=\"java&#10;script:alert(1)\"/></svg>"))
                .isInstanceOf(Problem.class);
        assertThatThrownBy(() -> cleaned(OPEN + "<image xlink:href=\" j&#x0;ava script:alert(1)\"/></svg>"))
                .isInstanceOf(Problem.class);
    }

    @Test
    void aStyleSheetProcessingInstructionBeforeTheRootIsDropped() {
        String out = cleaned("<?xml version=\"1.0\"?>\n<?xml-stylesheet type=\"text/css\" href=\"https://evil.example/x.css\"?>\n"
                + OPEN + "<?xml-stylesheet href=\"https://evil.example/y.css\"?><rect width=\"8\" height=\"8\"/></svg>");
        assertThat(out).doesNotContain("xml-stylesheet").doesNotContain("evil.example").contains("<rect");
    }

    @Test
    void imageSetInAStyleAttributeOrStyleSheetIsDropped() {
        String out = cleaned(OPEN + "<style>rect { fill: image-set(\"https://evil.example/a.png\" 1x); }</style>"
                + "<rect style=\"background: -webkit-image-set('https://evil.example/b.png' 1x)\" width=\"8\" height=\"8\"/>"
                + "<circle fill=\"image-set('https://evil.example/c.png' 1x)\" r=\"2\"/></svg>");
        assertThat(out).doesNotContain("evil.example").doesNotContain("image-set").contains("<rect").contains("<circle");
    }

    @Test
    void anImportHiddenByCssEscapesOrCommentsIsDropped() {
        for (String css : new String[] {"@\\69mport \"https://evil.example/x.css\";", "@\\000069 mport 'https://evil.example/x.css';",
                "@imp\\ort \"https://evil.example/x.css\";", "@IMPORT \"https://evil.example/x.css\";",
                "rect { fill: u\\72l(https://evil.example/x.png) }", "rect { fill: url(/**/https://evil.example/x.png) }"}) {
            String out = cleaned(OPEN + "<style>" + css + "</style><rect width=\"8\" height=\"8\"/></svg>");
            assertThat(out).as(css).doesNotContain("evil.example").contains("<rect");
        }
    }

    @Test
    void dataUrlsAreKeptOnlyForRasterImagesNeverForSvg() {
        String svgInside = "data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIG9ubG9hZD0iYWxlcnQoMSkiLz4=";
        String out = cleaned(OPEN + "<image href=\"" + svgInside + "\" width=\"8\" height=\"8\"/>"
                + "<image xlink:href=\"data:text/html,&lt;b&gt;hi\" width=\"8\" height=\"8\"/>"
                + "<rect style=\"fill: url(data:image/png;base64,AAAA)\" width=\"8\" height=\"8\"/></svg>");
        assertThat(out).doesNotContain("image/svg+xml").doesNotContain("text/html").doesNotContain("data:image/png");

        String raster = cleaned(OPEN + "<image href=\"" + PNG_DATA + "\" width=\"8\" height=\"8\"/></svg>");
        assertThat(raster).contains(PNG_DATA);
    }

    @Test
    void anOrdinaryDrawingKeepsItsGradientsFragmentsAndShapes() {
        String out = cleaned(OPEN + "<!-- made with an editor --><defs><linearGradient id=\"g\"><stop offset=\"0\" stop-color=\"#123\"/>"
                + "</linearGradient></defs><g transform=\"translate(1 1)\"><rect fill=\"url(#g)\" width=\"6\" height=\"6\" rx=\"1\"/>"
                + "<use href=\"#g\" xlink:href=\"https://evil.example/s.svg#a\"/><text x=\"1\" y=\"4\" font-family=\"sans-serif\">AB</text></g>"
                + "<style>rect { stroke: url('#g'); }</style></svg>");
        assertThat(out).contains("linearGradient", "fill=\"url(#g)\"", "href=\"#g\"", "rx=\"1\"", ">AB</text>", "stroke: url('#g')")
                .doesNotContain("evil.example").doesNotContain("made with");
    }
}
