package org.facteur.webmail.html;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class MessageHtmlSanitizerTest {
    private final MessageHtmlSanitizer sanitizer = new MessageHtmlSanitizer();

    @ParameterizedTest
    @ValueSource(strings = {
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
            "<svg onload=alert(1)><circle r=1></svg>",
            "<div style=\"background:url(javascript:alert(1))\">x</div>",
            "<div style=\"width:expression(alert(1))\">x</div>",
            "<base href=\"http://evil.test/\">",
            "<meta http-equiv=\"refresh\" content=\"0;url=http://evil.test/\">",
            "<form action=\"http://evil.test/\"><input name=p></form>",
            "<iframe src=\"http://evil.test/\"></iframe>",
            "<object data=\"http://evil.test/x.swf\"></object>",
            "<body onload=alert(1)>",
            "<style>@import 'http://evil.test/x.css';</style>",
            "<link rel=stylesheet href=http://evil.test/x.css>",
            "<img src=\"data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=\">",
            // XssCorpusIT case 14: entities without semicolons (was left as a harmless relative href)
            "<a href=\"&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3Aalert(1)\">x</a>",
            "<div style=\"background-image:u\\rl(http://evil.test/x)\">x</div>",
            "<div style=\"background-image:image-set('http://evil.test/x' 1x)\">x</div>",
    })
    void hostileMarkupLosesEverythingActiveOrRemote(String hostile) {
        String out = sanitizer.sanitize("<p>before</p>" + hostile + "<p>after</p>").toLowerCase();
        assertThat(out).contains("before", "after")
                .doesNotContain("<script", "onerror", "onload", "javascript:", "<svg", "expression(", "<base",
                        "<meta", "<form", "<input", "<iframe", "<object", "evil.test", "<style", "<link", "data:text",
                        "image/svg");
    }

    @Test
    void remoteImagesLoseTheirSourceButEmbeddedOnesStay() {
        assertThat(sanitizer.sanitize("<img src=\"https://tracker.test/open.gif\" alt=\"logo\">"))
                .doesNotContain("tracker.test").contains("alt=\"logo\"");
        String png = "data:image/png;base64,iVBORw0KGgo=";
        assertThat(sanitizer.sanitize("<img src=\"" + png + "\">")).contains("src=\"data:image/png;base64,iVBORw0KGgo");
    }

    @Test
    void linksOpenInANewTabWithoutReferrerOrOpener() {
        String out = sanitizer.sanitize("<a href=\"https://example.org/page\">site</a>");
        assertThat(out).contains("href=\"https://example.org/page\"", "target=\"_blank\"")
                .containsPattern("rel=\"(noopener noreferrer|noreferrer noopener)\"");
    }

    @Test
    void ordinaryNewsletterMarkupSurvives() {
        String out = sanitizer.sanitize("<table><tr><td><b>Hello</b> <i>world</i></td></tr></table>"
                + "<p style=\"color:red\">red</p><ul><li>one</li></ul>");
        assertThat(out).contains("<table>", "<b>Hello</b>", "<i>world</i>", "color:red", "<li>one</li>");
    }

    @Test
    void relativeLinksAreDroppedSinceTheyWouldPointIntoTheWebmail() {
        // Found by XssCorpusIT (case 31): relative hrefs survived and resolved against /mail/body.
        for (String href : new String[] {"/mail/message?folder=INBOX&uid=1", "relative-link", "//evil.test/x",
                "javascript&#x3aalert(1)"}) {
            assertThat(sanitizer.sanitize("<a href=\"" + href + "\">x</a>")).as(href).doesNotContain("href");
        }
        assertThat(sanitizer.sanitize("<a href=\"#top\">top</a>")).contains("href=\"#top\"");
        assertThat(sanitizer.sanitize("<a href=\"mailto:bob@example.org\">bob</a>")).contains("href=\"mailto:bob&#64;example.org\"");
    }

    @Test
    void remoteImagesAreKeptOnlyWhenAskedAndNothingElseRemote() {
        String html = "<p>News</p><img src=\"https://tracker.test/logo.gif\" alt=\"logo\" onerror=\"alert(1)\">"
                + "<img src=\"http://tracker.test/plain.gif\"><img srcset=\"https://tracker.test/srcset.gif 1x\">"
                + "<div style=\"background:url(https://tracker.test/css.gif)\">css</div>"
                + "<table background=\"https://tracker.test/table.gif\"><tr><td>t</td></tr></table>"
                + "<script>alert(1)</script><svg><image href=\"https://tracker.test/svg.gif\"/></svg>";
        assertThat(sanitizer.sanitize(html)).doesNotContain("tracker.test");
        String shown = sanitizer.sanitize(html, true);
        assertThat(shown).contains("src=\"https://tracker.test/logo.gif\"", "src=\"http://tracker.test/plain.gif\"", "css")
                .doesNotContain("srcset", "css.gif", "table.gif", "svg.gif", "onerror", "<script", "alert");
        assertThat(sanitizer.sanitize("<img src=\"javascript:alert(1)\"><img src=\"//tracker.test/p.gif\">", true))
                .doesNotContain("javascript", "tracker.test");
    }

    @Test
    void hasRemoteImagesOnlyWhenShowingThemWouldShowSomething() {
        assertThat(sanitizer.hasRemoteImages("<p>x</p><IMG SRC=\" https://tracker.test/p.gif\">")).isTrue();
        assertThat(sanitizer.hasRemoteImages("<img alt=\"a\" src=\"http://tracker.test/p.gif\">")).isTrue();
        assertThat(sanitizer.hasRemoteImages(null)).isFalse();
        assertThat(sanitizer.hasRemoteImages("<img src=\"data:image/png;base64,iVBORw0KGgo=\">")).isFalse();
        assertThat(sanitizer.hasRemoteImages("<img srcset=\"https://t.test/a 1x\"><div style=\"background:url(https://t.test/b)\">"
                + "</div><table background=\"https://t.test/c\"></table><p title=\"<img src=https://t.test/d>\">"
                + "<a href=\"https://t.test/e\">link</a></p><svg><image href=\"https://t.test/f\"/></svg>")).isFalse();
    }
}
