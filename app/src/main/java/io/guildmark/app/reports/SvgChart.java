package io.guildmark.app.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small bar or line chart drawn as SVG on the server: no script, no library, text escaped, readable by screen readers
 * through its {@code <title>} and {@code <desc>} (every bar and point has its own {@code <title>} too). The page shows
 * the same figures in a table below each chart, which is the text alternative.
 */
final class SvgChart {

    enum Style { BARS, LINES }

    /** One named series of values, one per category. */
    record Series(String name, double[] values) {}

    /** At most this many series are drawn; the rest are summed into "Other". */
    static final int MAX_SERIES = 8;
    private static final String[] COLORS = {"#2f6db5", "#e07b39", "#3a9e6f", "#b8477a", "#7b61c9", "#c9a227", "#3aa6b9", "#6b6b6b"};
    private static final int WIDTH = 720;
    private static final int HEIGHT = 320;
    private static final int LEFT = 64;
    private static final int RIGHT = 16;
    private static final int TOP = 16;
    private static final int BOTTOM = 96;

    private SvgChart() {}

    static String render(String id, String title, String description, Style style, List<String> categories, List<Series> series) {
        List<Series> shown = limited(series, categories.size());
        double max = 0;
        for (Series s : shown) for (double v : s.values()) max = Math.max(max, v);
        double top = niceCeiling(max);
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        StringBuilder svg = new StringBuilder(4096);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" aria-labelledby=\"").append(esc(id)).append("-title ").append(esc(id)).append("-desc\">")
                .append("<title id=\"").append(esc(id)).append("-title\">").append(esc(title)).append("</title>")
                .append("<desc id=\"").append(esc(id)).append("-desc\">").append(esc(description)).append("</desc>");
        // Grid and the value axis: five lines from 0 to the rounded maximum.
        for (int i = 0; i <= 4; i++) {
            double value = top * i / 4;
            double y = TOP + plotH - plotH * i / 4.0;
            svg.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"").append(num(y))
                    .append("\" y2=\"").append(num(y)).append("\" stroke=\"#ddd\"/>")
                    .append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(num(y + 4))
                    .append("\" text-anchor=\"end\" font-size=\"11\" fill=\"#444\">").append(esc(label(value))).append("</text>");
        }
        int n = Math.max(1, categories.size());
        double slot = (double) plotW / n;
        int every = Math.max(1, (int) Math.ceil(n / 12.0));
        for (int c = 0; c < categories.size(); c++) {
            if (c % every != 0) continue;
            double x = LEFT + slot * c + slot / 2;
            svg.append("<text x=\"").append(num(x)).append("\" y=\"").append(TOP + plotH + 14)
                    .append("\" text-anchor=\"end\" font-size=\"11\" fill=\"#444\" transform=\"rotate(-35 ").append(num(x)).append(' ')
                    .append(TOP + plotH + 14).append(")\">").append(esc(shorten(categories.get(c), 22))).append("</text>");
        }
        for (int s = 0; s < shown.size(); s++) {
            Series line = shown.get(s);
            String color = COLORS[s % COLORS.length];
            if (style == Style.BARS) {
                double barW = slot * 0.8 / shown.size();
                for (int c = 0; c < categories.size(); c++) {
                    double v = line.values()[c];
                    // A negative value (refunds above payments) is drawn at zero; its title and the table give the figure.
                    double h = top == 0 ? 0 : plotH * Math.max(0, v) / top;
                    double x = LEFT + slot * c + slot * 0.1 + barW * s;
                    svg.append("<rect x=\"").append(num(x)).append("\" y=\"").append(num(TOP + plotH - h)).append("\" width=\"")
                            .append(num(Math.max(1, barW - 1))).append("\" height=\"").append(num(h)).append("\" fill=\"").append(color)
                            .append("\"><title>").append(esc(point(line, categories.get(c), v))).append("</title></rect>");
                }
            } else {
                StringBuilder points = new StringBuilder();
                StringBuilder dots = new StringBuilder();
                for (int c = 0; c < categories.size(); c++) {
                    double v = line.values()[c];
                    double x = LEFT + slot * c + slot / 2;
                    double y = TOP + plotH - (top == 0 ? 0 : plotH * Math.max(0, v) / top);
                    points.append(num(x)).append(',').append(num(y)).append(' ');
                    dots.append("<circle cx=\"").append(num(x)).append("\" cy=\"").append(num(y)).append("\" r=\"3\" fill=\"").append(color)
                            .append("\"><title>").append(esc(point(line, categories.get(c), v))).append("</title></circle>");
                }
                svg.append("<polyline fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"2\" points=\"")
                        .append(points.toString().strip()).append("\"/>").append(dots);
            }
        }
        // Legend along the bottom.
        double lx = LEFT;
        double ly = HEIGHT - 12;
        for (int s = 0; s < shown.size(); s++) {
            String name = shorten(shown.get(s).name(), 24);
            svg.append("<rect x=\"").append(num(lx)).append("\" y=\"").append(num(ly - 9)).append("\" width=\"10\" height=\"10\" fill=\"")
                    .append(COLORS[s % COLORS.length]).append("\"/><text x=\"").append(num(lx + 14)).append("\" y=\"").append(num(ly))
                    .append("\" font-size=\"11\" fill=\"#222\">").append(esc(name)).append("</text>");
            lx += 24 + name.length() * 6.2;
            if (lx > WIDTH - 120) {
                lx = LEFT;
                ly -= 15;
            }
        }
        if (categories.isEmpty()) {
            svg.append("<text x=\"").append(WIDTH / 2).append("\" y=\"").append(TOP + plotH / 2)
                    .append("\" text-anchor=\"middle\" font-size=\"13\" fill=\"#666\">Nothing in this period</text>");
        }
        return svg.append("</svg>").toString();
    }

    /** The first series as given, the others summed into "Other" when there are too many to tell apart. */
    static List<Series> limited(List<Series> series, int categories) {
        if (series.size() <= MAX_SERIES) return series;
        List<Series> shown = new ArrayList<>(series.subList(0, MAX_SERIES - 1));
        double[] other = new double[categories];
        for (Series s : series.subList(MAX_SERIES - 1, series.size())) {
            for (int c = 0; c < categories; c++) other[c] += s.values()[c];
        }
        shown.add(new Series("Other", other));
        return shown;
    }

    /** 0, or the smallest of 1, 2, 2.5, 5 × 10^k at or above the value, so that quarter lines fall on round numbers. */
    static double niceCeiling(double max) {
        if (max <= 0) return 4;
        double magnitude = Math.pow(10, Math.floor(Math.log10(max)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= max) return Math.max(step * magnitude, 4);
        }
        return 10 * magnitude;
    }

    private static String point(Series series, String category, double value) {
        return series.name() + ", " + category + ": " + label(value);
    }

    private static String label(double value) {
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%,d", (long) value) : String.format(Locale.ROOT, "%,.1f", value);
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String shorten(String s, int max) {
        return s.length() > max ? s.substring(0, max - 1) + "…" : s;
    }

    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    // Control characters are not allowed in XML 1.0 text.
                    if (c >= 0x20 || c == '\n' || c == '\t') out.append(c);
                }
            }
        }
        return out.toString();
    }
}
