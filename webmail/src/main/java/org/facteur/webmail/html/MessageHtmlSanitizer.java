package org.facteur.webmail.html;

import java.util.Locale;

import org.owasp.html.AttributePolicy;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;
import org.springframework.stereotype.Component;

/**
 * Turns the HTML of a message into HTML safe to show, with an allow-list (OWASP java-html-sanitizer):
 * formatting, blocks, tables, links, inline styles without {@code url()}, and images only when they are
 * embedded ({@code data:image/...}); remote images lose their {@code src} (they would tell the sender
 * that and when the message was read). Links must be absolute ({@code http}, {@code https}, {@code mailto})
 * or a {@code #fragment}: a relative one would point into the webmail itself. They open in a new tab with
 * {@code rel="noopener noreferrer"}.
 * Scripts, event handlers, forms, {@code <base>}, {@code <meta>}, SVG and every other element are removed.
 * This is the first of two walls: the result is also served in a sandboxed frame with its own CSP.
 */
@Component
public class MessageHtmlSanitizer {
    private static final AttributePolicy EMBEDDED_IMAGE_ONLY = (element, attribute, value) -> {
        String v = value.strip().toLowerCase(Locale.ROOT);
        boolean raster = v.startsWith("data:image/png") || v.startsWith("data:image/gif")
                || v.startsWith("data:image/jpeg") || v.startsWith("data:image/webp");
        return raster ? value : null;
    };
    private static final AttributePolicy ABSOLUTE_LINK = (element, attribute, value) -> {
        String v = value.strip().toLowerCase(Locale.ROOT);
        return v.startsWith("http://") || v.startsWith("https://") || v.startsWith("mailto:") || v.startsWith("#")
                ? value : null;
    };

    private static final PolicyFactory POLICY = Sanitizers.FORMATTING.and(Sanitizers.BLOCKS)
            .and(Sanitizers.TABLES).and(Sanitizers.STYLES)
            .and(new HtmlPolicyBuilder()
                    .allowUrlProtocols("http", "https", "mailto", "data")
                    .allowElements("a")
                    .allowAttributes("href").matching(ABSOLUTE_LINK).onElements("a")
                    .allowAttributes("title").onElements("a")
                    .requireRelsOnLinks("noopener", "noreferrer")
                    .allowElements((name, attrs) -> {
                        attrs.add("target");
                        attrs.add("_blank");
                        return name;
                    }, "a")
                    .allowElements("img")
                    .allowAttributes("src").matching(EMBEDDED_IMAGE_ONLY).onElements("img")
                    .allowAttributes("alt", "title", "width", "height").onElements("img")
                    .allowElements("hr", "center", "font", "small", "big", "span", "div")
                    .allowAttributes("color", "size").onElements("font")
                    .allowAttributes("align", "valign", "bgcolor", "colspan", "rowspan", "cellpadding", "cellspacing",
                            "border", "width").onElements("table", "tr", "td", "th", "tbody", "thead", "p", "div")
                    .toFactory());

    public String sanitize(String html) {
        return html == null ? "" : POLICY.sanitize(html);
    }
}
