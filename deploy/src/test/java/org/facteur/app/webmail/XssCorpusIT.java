package org.facteur.app.webmail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.facteur.app.webmail.WebmailBrowserIT.ALICE;
import static org.facteur.app.webmail.WebmailBrowserIT.ALICE_PASSWORD;
import static org.facteur.app.webmail.WebmailBrowserIT.BOB;
import static org.facteur.app.webmail.WebmailBrowserIT.BOB_PASSWORD;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.MimeMessage;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The XSS corpus ({@code src/test/resources/xss-corpus/NN-name.html}, see its README) sent over SMTP and
 * opened one by one in real headless Chromium through the webmail: in every case nothing runs (checked in
 * the page: the frame's {@code <html>} carries no {@code data-pwned} mark, the titles, the URL, a probe
 * set in the top window, the cookies and the window count are unchanged, and the DOM the browser built from
 * the sanitized HTML has no handler, script, frame, form, SVG, remote URL…), nothing is fetched (a local
 * HTTP server counts zero requests over the whole corpus) and the benign text is shown. Then the opt-in:
 * remote images load only after "Show images", and only the {@code <img src>} one.
 *
 * <p>Shares {@link WebmailBrowserIT}'s fixture (packaged Facteur, alice and bob, the tracker, Chromium).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class XssCorpusIT {
    static final String JS_CANARY = "try{document.documentElement.setAttribute('data-pwned','{{ID}}');"
            + "document.title='PWNED';new Image().src='{{REMOTE}}/js-image';top.name='PWNED';"
            + "parent.document.title='PWNED';document.cookie='pwned={{ID}}'}"
            + "finally{location='{{REMOTE}}/js'}";
    static final String PROBE = "intact";

    /**
     * Runs in the body frame: what in the DOM that Chromium built could run or fetch. Elements and
     * attributes that may not exist at all, then URLs: links only http(s)/mailto/#fragment, images only
     * {@code data:image/...} (or http(s) when {@code arguments[0]}, remote images shown), styles without
     * {@code url(}, {@code expression}, {@code image-set} or a backslash.
     */
    static final String AUDIT = """
            const remoteImages = arguments[0], found = [];
            const banned = new Set(['script','iframe','frame','frameset','object','embed','applet','portal','form',
              'input','button','select','textarea','keygen','isindex','svg','math','base','meta','link','style',
              'template','noscript','video','audio','source','track','picture','details','dialog','marquee',
              'title','xmp','listing','noembed','noframes','area','map']);
            const attrs = new Set(['srcset','background','poster','ping','formaction','action','srcdoc','data',
              'xlink:href','dynsrc','lowsrc','longdesc','usemap','autofocus','contenteditable','popover','tabindex']);
            if (document.documentElement.hasAttribute('data-pwned')) found.push('data-pwned mark');
            if (document.title !== '') found.push('title ' + document.title);
            if (document.head.children.length !== 2) found.push('head has ' + document.head.innerHTML);
            for (const el of document.body.querySelectorAll('*')) {
              const tag = el.localName;
              if (banned.has(tag)) found.push('<' + tag + '>');
              for (const a of el.attributes) {
                const n = a.name.toLowerCase(), v = a.value.trim().toLowerCase();
                if (n.startsWith('on') || attrs.has(n)) found.push(tag + '@' + n);
                if (n === 'href' && !/^(https?:|mailto:|#)/.test(v)) found.push(tag + '@href=' + v);
                if (n === 'src' && !(v.startsWith('data:image/') || (remoteImages && /^https?:/.test(v))))
                  found.push(tag + '@src=' + v);
                if (n === 'style' && /url\\(|expression|image-set|binding|behavior|\\\\/.test(v))
                  found.push(tag + '@style=' + v);
              }
            }
            return found;""";

    record Case(String name, String id, String html, String subject) {
        boolean hasEnd() {
            return html.contains("End of case " + id + ".");
        }
    }

    static final List<Case> corpus = new ArrayList<>();
    static final Map<String, Long> uids = new HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        long t0 = System.nanoTime();
        WebmailBrowserIT.start();
        corpus.addAll(loadCorpus());
        uids.putAll(deliverToAlice(corpus));
        System.out.printf("XssCorpusIT: Facteur started and %d cases delivered in %.1f s%n", corpus.size(),
                (System.nanoTime() - t0) / 1e9);
    }

    /** The corpus files, their canaries pointing at the running fixture's tracker. */
    static List<Case> loadCorpus() throws URISyntaxException, java.io.IOException {
        String tracker = "http://127.0.0.1:" + WebmailBrowserIT.tracker.getAddress().getPort();
        List<Case> cases = new ArrayList<>();
        for (Path file : corpusFiles()) {
            String name = file.getFileName().toString().replaceFirst("\\.html$", "");
            String id = name.substring(0, 2);
            String html = Files.readString(file, StandardCharsets.UTF_8).replace("{{JS}}", JS_CANARY)
                    .replace("{{REMOTE}}", tracker + "/" + name).replace("{{ID}}", id);
            cases.add(new Case(name, id, html, "XSS " + name));
        }
        assertThat(cases).as("cases in the corpus").hasSizeGreaterThanOrEqualTo(30);
        return cases;
    }

    /** Bob sends each case to alice over SMTP (as text/html); waits for all of them; their UIDs by subject. */
    static Map<String, Long> deliverToAlice(List<Case> cases) throws Exception {
        try (Transport smtp = WebmailBrowserIT.mail.session().getTransport("smtp")) {
            smtp.connect(BOB, BOB_PASSWORD);
            for (Case c : cases) {
                MimeMessage m = WebmailBrowserIT.mail.message(BOB, ALICE, c.subject(), "");
                m.setContent(c.html(), "text/html; charset=UTF-8");
                m.saveChanges();
                smtp.sendMessage(m, m.getAllRecipients());
            }
        }
        Map<String, Long> found = new HashMap<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            found.clear();
            try (Store store = WebmailBrowserIT.mail.imap(ALICE, ALICE_PASSWORD)) {
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                for (Message m : inbox.getMessages()) {
                    found.put(m.getSubject(), ((UIDFolder) inbox).getUID(m));
                }
                inbox.close(false);
            }
            return cases.stream().allMatch(c -> found.containsKey(c.subject()));
        });
        return found;
    }

    @AfterAll
    static void stop() throws Exception {
        WebmailBrowserIT.stop();
    }

    static List<Path> corpusFiles() throws URISyntaxException, java.io.IOException {
        Path dir = Path.of(XssCorpusIT.class.getResource("/xss-corpus").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches("\\d\\d-.*\\.html")).sorted().toList();
        }
    }

    static Case byName(String prefix) {
        return corpus.stream().filter(c -> c.name().startsWith(prefix)).findFirst().orElseThrow();
    }

    static String messageUrl(Case c) {
        return messageUrl(uids, c);
    }

    static String messageUrl(Map<String, Long> uidsBySubject, Case c) {
        return WebmailBrowserIT.url("/mail/message?folder=INBOX&uid=" + uidsBySubject.get(c.subject()));
    }

    static List<String> hitsOf(Case c) {
        return WebmailBrowserIT.trackerHits.stream().filter(h -> h.startsWith("/" + c.name() + "/")).toList();
    }

    /** In the body frame: waits for the benign text, hovers over it, returns what the audit found. */
    @SuppressWarnings("unchecked")
    static List<String> inFrame(Case c, boolean remoteImages, SoftAssertions soft) {
        WebmailBrowserIT.waiting().until(
                ExpectedConditions.frameToBeAvailableAndSwitchToIt(By.cssSelector("iframe.body-frame")));
        try {
            WebmailBrowserIT.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"),
                    "Benign text of case " + c.id() + "."));
            WebElement body = WebmailBrowserIT.browser.findElement(By.tagName("body"));
            new Actions(WebmailBrowserIT.browser).moveToElement(body).perform();
            if (c.hasEnd()) {
                soft.assertThat(body.getText()).as(c.name() + ": text after the payload").contains("End of case " + c.id() + ".");
            }
            return (List<String>) WebmailBrowserIT.browser.executeScript(AUDIT, remoteImages);
        } finally {
            WebmailBrowserIT.browser.switchTo().defaultContent();
        }
    }

    /** Checks, in the page, case {@code c} that the browser has just opened. */
    static void checkOpened(Case c, boolean remoteImages, SoftAssertions soft) throws InterruptedException {
        var browser = WebmailBrowserIT.browser;
        String page = browser.getCurrentUrl();
        browser.executeScript("window.facteurProbe = arguments[0];", PROBE);
        List<String> findings = inFrame(c, remoteImages, soft);
        soft.assertThat(findings).as(c.name() + ": in the frame's DOM").isEmpty();
        Thread.sleep(250); // a late refresh, a navigation or a load
        soft.assertThat(browser.getTitle()).as(c.name() + ": top title").isEqualTo(c.subject() + " · Facteur");
        soft.assertThat(browser.getCurrentUrl()).as(c.name() + ": top URL").isEqualTo(page);
        soft.assertThat(browser.executeScript("return window.facteurProbe;")).as(c.name() + ": probe in the top window")
                .isEqualTo(PROBE);
        soft.assertThat(browser.executeScript("return window.name;")).as(c.name() + ": top window name").isEqualTo("");
        soft.assertThat(browser.manage().getCookieNamed("pwned")).as(c.name() + ": cookie").isNull();
        soft.assertThat(browser.getWindowHandles()).as(c.name() + ": windows").hasSize(1);
        soft.assertThat(browser.findElements(By.cssSelector("[data-pwned]"))).as(c.name() + ": top DOM").isEmpty();
    }

    @Test
    @Order(1)
    void nothingInTheCorpusRunsOrFetches() throws Exception {
        long t0 = System.nanoTime();
        WebmailBrowserIT.logIn(ALICE, ALICE_PASSWORD);
        WebmailBrowserIT.waiting().until(ExpectedConditions.urlContains("/mail"));
        // the first one as a member would: clicked in the list
        WebmailBrowserIT.browser.findElement(By.partialLinkText(corpus.getFirst().subject())).click();
        WebmailBrowserIT.waiting().until(ExpectedConditions.urlContains("/mail/message"));
        openEachAndCheck(corpus, uids, (c, soft) -> { });
        System.out.printf("XssCorpusIT: %d cases opened and checked in %.1f s%n", corpus.size(),
                (System.nanoTime() - t0) / 1e9);
    }

    /**
     * Opens every case (the first one is already open), checks it in the page, and {@code alsoCheck} what the caller
     * adds; then that the tracker counted no request from any case.
     */
    static void openEachAndCheck(List<Case> cases, Map<String, Long> uidsBySubject,
            java.util.function.BiConsumer<Case, SoftAssertions> alsoCheck) throws InterruptedException {
        SoftAssertions soft = new SoftAssertions();
        for (Case c : cases) {
            if (c != cases.getFirst()) {
                WebmailBrowserIT.browser.get(messageUrl(uidsBySubject, c));
            }
            checkOpened(c, false, soft);
            alsoCheck.accept(c, soft);
            soft.assertThat(hitsOf(c)).as(c.name() + ": requests at the tracker").isEmpty();
        }
        Thread.sleep(2000); // anything that would load late, from any case
        Map<String, List<String>> leaks = new TreeMap<>();
        for (String hit : WebmailBrowserIT.trackerHits) {
            leaks.computeIfAbsent(hit.split("/")[1], k -> new ArrayList<>()).add(hit);
        }
        soft.assertThat(leaks).as("requests that reached the tracker, by case").isEmpty();
        soft.assertAll();
    }

    @Test
    @Order(2)
    void remoteImagesLoadOnlyAfterShowImagesAndScriptsStillDoNot() throws Exception {
        var browser = WebmailBrowserIT.browser;
        Case newsletter = byName("46-");
        WebmailBrowserIT.logIn(ALICE, ALICE_PASSWORD);
        WebmailBrowserIT.waiting().until(ExpectedConditions.urlContains("/mail"));
        browser.get(messageUrl(byName("01-")));
        assertThat(browser.findElements(By.cssSelector("a.show-images"))).as("offer without remote images").isEmpty();

        SoftAssertions soft = new SoftAssertions();
        browser.get(messageUrl(newsletter));
        checkOpened(newsletter, false, soft);
        soft.assertThat(hitsOf(newsletter)).as("requests before the click").isEmpty();
        WebElement show = browser.findElement(By.cssSelector("a.show-images"));
        soft.assertThat(show.findElement(By.xpath("..")).getText())
                .isEqualTo("Remote images are blocked to protect your privacy. Show images");
        show.click();
        WebmailBrowserIT.waiting().until(ExpectedConditions.urlContains("images=show"));
        checkOpened(newsletter, true, soft);
        soft.assertThat(browser.findElements(By.cssSelector("a.show-images"))).as("offer after the click").isEmpty();
        await().atMost(Duration.ofSeconds(10)).until(() -> !hitsOf(newsletter).isEmpty());
        Thread.sleep(1000); // anything else it would load
        soft.assertThat(WebmailBrowserIT.trackerHits).as("requests after the click: the <img src> only")
                .containsExactly("/" + newsletter.name() + "/logo.gif");
        soft.assertAll();
    }
}
