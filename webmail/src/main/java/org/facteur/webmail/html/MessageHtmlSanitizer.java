package org.facteur.webmail.html;

import java.util.Locale;
import java.util.regex.Pattern;

import org.owasp.html.AttributePolicy;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;
import org.springframework.stereotype.Component;

/**
 * Turns the HTML of a message into HTML safe to show, with an allow-list (OWASP java-html-sanitizer):
 * formatting, blocks, tables, links, inline styles without {@code url()}, and images only when they are
 * embedded ({@code data:image/...}); remote images lose their {@code src} (they would tell the sender
 * that and when the message was read) unless the member asked to see them ({@link #sanitize(String, boolean)}).
 * Links must be absolute ({@code http}, {@code https}, {@code mailto}) or a {@code #fragment}: a relative
 * one would point into the webmail itself. They open in a new tab with {@code rel="noopener noreferrer"}.
 * Scripts, event handlers, forms, {@code <base>}, {@code <meta>}, SVG and every other element are removed.
 * This is the first of two walls: the result is also served in a sandboxed frame with its own CSP.
 */
@Component
public class MessageHtmlSanitizer {
    private static final AttributePolicy EMBEDDED_IMAGE_ONLY = (element, attribute, value) ->
            embeddedRaster(value) ? value : null;
    private static final AttributePolicy EMBEDDED_OR_REMOTE_IMAGE = (element, attribute, value) ->
            embeddedRaster(value) || remote(value) ? value : null;
    private static final AttributePolicy ABSOLUTE_LINK = (element, attribute, value) -> {
        String v = value.strip().toLowerCase(Locale.ROOT);
        return remote(v) || v.startsWith("mailto:") || v.startsWith("#") ? value : null;
    };
    /** An {@code <img>} with a remote {@code src} in this sanitizer's own output (attributes always quoted). */
    private static final Pattern REMOTE_IMAGE = Pattern.compile("<img\\s[^>]*\\bsrc=\"\\s*https?://",
            Pattern.CASE_INSENSITIVE);

    private static final PolicyFactory POLICY = policy(EMBEDDED_IMAGE_ONLY);
    private static final PolicyFactory WITH_REMOTE_IMAGES = policy(EMBEDDED_OR_REMOTE_IMAGE);

    private static PolicyFactory policy(AttributePolicy imageSource) {
        return Sanitizers.FORMATTING.and(Sanitizers.BLOCKS)
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
                        .allowAttributes("src").matching(imageSource).onElements("img")
                        .allowAttributes("alt", "title", "width", "height").onElements("img")
                        .allowElements("hr", "center", "font", "small", "big", "span", "div")
                        .allowAttributes("color", "size").onElements("font")
                        .allowAttributes("align", "valign", "bgcolor", "colspan", "rowspan", "cellpadding", "cellspacing",
                                "border", "width").onElements("table", "tr", "td", "th", "tbody", "thead", "p", "div")
                        .toFactory());
    }

    private static boolean embeddedRaster(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        return v.startsWith("data:image/png") || v.startsWith("data:image/gif")
                || v.startsWith("data:image/jpeg") || v.startsWith("data:image/webp");
    }

    private static boolean remote(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        return v.startsWith("http://") || v.startsWith("https://");
    }

    /** Safe HTML without remote images. */
    public String sanitize(String html) {
        return sanitize(html, false);
    }

    /**
     * Safe HTML; with {@code remoteImages}, {@code <img>} keeps an {@code http(s)} {@code src} (the member
     * asked for this message's images). Nothing else remote is kept either way: no CSS {@code url()},
     * {@code srcset}, {@code background}, SVG or media element.
     */
    public String sanitize(String html, boolean remoteImages) {
        return html == null ? "" : (remoteImages ? WITH_REMOTE_IMAGES : POLICY).sanitize(html);
    }

    /** Whether showing remote images would show anything: some {@code <img>} that survives keeps a remote source. */
    public boolean hasRemoteImages(String html) {
        return REMOTE_IMAGE.matcher(sanitize(html, true)).find();
    }
}
