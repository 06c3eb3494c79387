package dev.hookline.web;

import dev.hookline.github.CommitState;

/**
 * A shields-style build badge: a grey label on the left, the state in its colour on the right.
 *
 * @param label the left text, e.g. {@code hookline} or a status context
 * @param message the right text: a commit state, or {@code unknown}
 * @param colour the right part's fill, as {@code #rrggbb}
 */
public record Badge(String label, String message, String colour) {

    static final String UNKNOWN_COLOUR = "#9f9f9f";
    private static final int HEIGHT = 20;
    private static final int PADDING = 6;

    /** The badge of a state; {@code null} is {@code unknown}: no run yet. */
    static Badge of(String label, CommitState state) {
        if (state == null) {
            return new Badge(label, "unknown", UNKNOWN_COLOUR);
        }
        String colour = switch (state) {
            case PENDING -> "#dfb317";
            case SUCCESS -> "#4c1";
            case FAILURE -> "#e05d44";
            case ERROR -> "#8b1a1a";
        };
        return new Badge(label, state.wireName(), colour);
    }

    /** The badge as a standalone SVG document; every text is XML-escaped. */
    public String svg() {
        int labelText = textWidth(label);
        int messageText = textWidth(message);
        int labelWidth = labelText + 2 * PADDING;
        int messageWidth = messageText + 2 * PADDING;
        int width = labelWidth + messageWidth;
        String title = xml(label + ": " + message);
        // textLength pins each text to the width estimated here, so the layout holds whatever font the viewer has.
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + width + "\" height=\"" + HEIGHT
                + "\" role=\"img\" aria-label=\"" + title + "\">"
                + "<title>" + title + "</title>"
                + "<linearGradient id=\"s\" x2=\"0\" y2=\"100%\"><stop offset=\"0\" stop-color=\"#bbb\" stop-opacity=\".1\"/>"
                + "<stop offset=\"1\" stop-opacity=\".1\"/></linearGradient>"
                + "<clipPath id=\"r\"><rect width=\"" + width + "\" height=\"" + HEIGHT
                + "\" rx=\"3\" fill=\"#fff\"/></clipPath>"
                + "<g clip-path=\"url(#r)\"><rect width=\"" + labelWidth + "\" height=\"" + HEIGHT + "\" fill=\"#555\"/>"
                + "<rect x=\"" + labelWidth + "\" width=\"" + messageWidth + "\" height=\"" + HEIGHT + "\" fill=\""
                + xml(colour) + "\"/>"
                + "<rect width=\"" + width + "\" height=\"" + HEIGHT + "\" fill=\"url(#s)\"/></g>"
                + "<g fill=\"#fff\" text-anchor=\"middle\" font-family=\"Verdana,Geneva,DejaVu Sans,sans-serif\" "
                + "text-rendering=\"geometricPrecision\" font-size=\"11\">"
                + text(labelWidth / 2.0, labelText, label)
                + text(labelWidth + messageWidth / 2.0, messageText, message)
                + "</g></svg>";
    }

    /** A text with its shadow, centred on {@code x}. */
    private static String text(double x, int length, String value) {
        String escaped = xml(value);
        return "<text x=\"" + x + "\" y=\"15\" fill=\"#010101\" fill-opacity=\".3\" textLength=\"" + length + "\">"
                + escaped + "</text>"
                + "<text x=\"" + x + "\" y=\"14\" textLength=\"" + length + "\">" + escaped + "</text>";
    }

    /** Roughly how wide a text is in 11 px Verdana, the font shields.io badges use. */
    static int textWidth(String text) {
        double width = 0;
        for (int i = 0; i < text.length(); i = text.offsetByCodePoints(i, 1)) {
            int c = text.codePointAt(i);
            if ("ijl.,:;'|!".indexOf(c) >= 0) {
                width += 3.2;
            } else if (" frt/-()[]I".indexOf(c) >= 0) {
                width += 4.6;
            } else if ("mwMW@%".indexOf(c) >= 0) {
                width += 9.9;
            } else if (Character.isUpperCase(c)) {
                width += 7.6;
            } else {
                width += 6.6;
            }
        }
        return (int) Math.ceil(width);
    }

    /** Escapes the five characters XML gives meaning to, and drops control characters XML 1.0 cannot hold. */
    static String xml(String value) {
        StringBuilder out = new StringBuilder(value.length());
        value.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.toString();
    }
}
