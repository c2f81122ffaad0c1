package org.facteur.app.webmail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;

import com.sun.net.httpserver.HttpServer;

import jakarta.mail.internet.MimeMessage;

import org.facteur.app.FacteurProcess;
import org.facteur.mailserver.MailClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The webmail in real headless Chromium (Debian's chromium + chromedriver), against the packaged
 * Facteur: log in, read a message that came over SMTP, write to bob and see it arrive over IMAP, a
 * wrong password, throttling of repeated failures, and hostile HTML that must neither run nor fetch anything. Saves the screenshots
 * under docs/screenshots/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebmailBrowserIT {
    static final String ALICE = "alice@example.org";
    static final String ALICE_PASSWORD = "S3cret-pass";
    static final String BOB = "bob@example.org";
    static final String BOB_PASSWORD = "An0ther-pass";
    /** Locked out by the throttling test (for this client address, on every port), so nobody else uses it. */
    static final String CAROL = "carol@example.org";
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final String PROGRAMME = "19h00 accueil\n19h30 rapport du trésorier\n20h30 élections\n";
    static final Path SCREENSHOTS = FacteurProcess.ROOT.resolve("docs/screenshots");

    static Path data;
    static FacteurProcess facteur;
    static MailClient mail;
    static HttpServer tracker;
    static final List<String> trackerHits = new CopyOnWriteArrayList<>();
    static Path profile;
    /** Where Chromium saves what a page makes it download. */
    static Path downloads;
    static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        start(Map.of());
    }

    /** The fixture with Facteur given this extra environment. */
    static void start(Map<String, String> environment) throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("This test needs Debian's chromium and chromium-driver "
                    + "(apt-get install -y chromium chromium-driver; .ci/run installs them)");
        }
        data = Files.createTempDirectory("facteur-webmail-it");
        facteur = new FacteurProcess(data, environment).start();
        assertThat(facteur.admin("domain", "add", "example.org").exitCode()).isZero();
        assertThat(facteur.admin("user", "add", ALICE, "--password", ALICE_PASSWORD).exitCode()).isZero();
        assertThat(facteur.admin("user", "add", BOB, "--password", BOB_PASSWORD).exitCode()).isZero();
        assertThat(facteur.admin("user", "add", CAROL, "--password", BOB_PASSWORD).exitCode()).isZero();
        mail = new MailClient(facteur.ports());

        tracker = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        tracker.createContext("/", exchange -> {
            trackerHits.add(exchange.getRequestURI().toString());
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        tracker.start();

        profile = Files.createTempDirectory("chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile, "--window-size=1280,900", "--lang=en-US");
        downloads = Files.createTempDirectory("chromium-downloads");
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-US,en",
                "download.default_directory", downloads.toString(), "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (tracker != null) {
            tracker.stop(0);
        }
        if (facteur != null) {
            facteur.close();
        }
    }

    static String url(String path) {
        return "http://127.0.0.1:" + facteur.http + path;
    }

    /**
     * Waits up to 20 s. While a form posts and the next page loads, an element found on the old page can vanish
     * between "find" and "read its text"; Chromium 156 reports that as a plain WebDriverException ("Node with given
     * id does not belong to the document") rather than a stale element, so the wait tries again on those too.
     */
    static WebDriverWait waiting() {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        wait.ignoring(org.openqa.selenium.WebDriverException.class);
        return wait;
    }

    static void logIn(String address, String password) {
        browser.manage().deleteAllCookies();
        browser.get(url("/login"));
        browser.findElement(By.id("username")).sendKeys(address);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("main form button[type=submit]")).click();
    }

    /** Logs in and opens a new message. */
    static void compose(String address, String password) {
        logIn(address, password);
        waiting().until(ExpectedConditions.urlContains("/mail"));
        browser.get(url("/compose"));
    }

    static void screenshots(String name) throws IOException {
        Dimension desktop = browser.manage().window().getSize();
        Files.write(SCREENSHOTS.resolve(name + "-desktop.png"), browser.getScreenshotAs(OutputType.BYTES));
        browser.manage().window().setSize(new Dimension(390, 844));
        Files.write(SCREENSHOTS.resolve(name + "-phone.png"), browser.getScreenshotAs(OutputType.BYTES));
        browser.manage().window().setSize(desktop);
    }

    @Test
    @Order(1)
    void wrongPasswordShowsAClearMessage() {
        logIn(ALICE, "not-the-password");
        waiting().until(ExpectedConditions.urlContains("/login?error"));
        assertThat(browser.findElement(By.cssSelector("[role=alert]")).getText()).isEqualTo("Wrong address or password.");
    }

    @Test
    @Order(2)
    void repeatedFailuresAreThrottled() {
        for (int i = 0; i < 5; i++) {
            logIn(CAROL, "guess-" + i);
            waiting().until(ExpectedConditions.urlContains("/login?error"));
        }
        logIn(CAROL, BOB_PASSWORD);
        waiting().until(ExpectedConditions.urlContains("/login?throttled"));
        assertThat(browser.findElement(By.cssSelector("[role=alert]")).getText()).startsWith("Too many failed attempts.");
    }

    @Test
    @Order(3)
    void readsAMessageFromSmtpAndSendsOneToBob() throws Exception {
        MimeMessage incoming = mail.message(BOB, ALICE, "Assemblée générale", "Bonjour Alice,\n\nL'AG a lieu jeudi à 19h.\n<b>Bob</b>");
        mail.submit(BOB, BOB_PASSWORD, incoming);
        await().atMost(Duration.ofSeconds(30)).until(() -> mail.count(ALICE, ALICE_PASSWORD, "INBOX") >= 1);

        logIn(ALICE, ALICE_PASSWORD);
        waiting().until(ExpectedConditions.urlContains("/mail"));
        Cookie session = browser.manage().getCookieNamed("JSESSIONID");
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Lax");
        WebElement line = browser.findElement(By.partialLinkText("Assemblée générale"));
        assertThat(browser.findElement(By.cssSelector(".folders .current .count")).getText()).isEqualTo("1");
        screenshots("inbox");

        line.click();
        waiting().until(ExpectedConditions.urlContains("/mail/message"));
        assertThat(browser.findElement(By.cssSelector("h1")).getText()).isEqualTo("Assemblée générale");
        assertThat(browser.findElement(By.cssSelector(".text-body")).getText())
                .contains("L'AG a lieu jeudi à 19h.", "<b>Bob</b>");
        screenshots("message");

        browser.findElement(By.linkText("Reply")).click();
        waiting().until(ExpectedConditions.urlContains("/compose"));
        assertThat(browser.findElement(By.id("to")).getDomProperty("value")).isEqualTo(BOB);
        assertThat(browser.findElement(By.id("subject")).getDomProperty("value")).isEqualTo("Re: Assemblée générale");
        assertThat(browser.findElement(By.id("body")).getDomProperty("value")).contains("> L'AG a lieu jeudi à 19h.");
        browser.findElement(By.id("body")).sendKeys("Merci Bob, j'y serai avec le programme.");
        Path programme = Files.createTempDirectory("upload").resolve("programme AG été.txt");
        Files.writeString(programme, PROGRAMME);
        browser.findElement(By.id("attachments")).sendKeys(programme.toString());
        screenshots("compose");
        browser.findElement(By.cssSelector("main form .actions button[type=submit]")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status]"), "Message sent."));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> mail.subjects(BOB, BOB_PASSWORD, "INBOX").contains("Re: Assemblée générale"));
        assertThat(mail.subjects(ALICE, ALICE_PASSWORD, "Sent")).contains("Re: Assemblée générale");
        try (jakarta.mail.Store bob = mail.imap(BOB, BOB_PASSWORD)) {
            jakarta.mail.Folder inbox = bob.getFolder("INBOX");
            inbox.open(jakarta.mail.Folder.READ_ONLY);
            MimeMessage received = new MimeMessage((MimeMessage) inbox.getMessage(inbox.getMessageCount()));
            assertThat(received.getHeader("In-Reply-To", null)).isEqualTo(incoming.getMessageID());
            jakarta.mail.Multipart parts = (jakarta.mail.Multipart) received.getContent();
            assertThat(parts.getBodyPart(1).getFileName()).isEqualTo("programme AG été.txt");
            assertThat(new String(parts.getBodyPart(1).getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo(PROGRAMME);
            inbox.close(false);
        }
    }

    @Test
    @Order(4)
    void searchFindsTheSentMessageAndItsAttachmentDownloadsIntact() {
        logIn(ALICE, ALICE_PASSWORD);
        waiting().until(ExpectedConditions.urlContains("/mail"));
        browser.get(url("/mail?folder=Sent"));
        browser.findElement(By.id("q")).sendKeys("programme");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("field"))).selectByValue("body");
        browser.findElement(By.cssSelector("form.search button")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "1 found"));
        browser.findElement(By.partialLinkText("Re: Assemblée générale")).click();
        waiting().until(ExpectedConditions.urlContains("/mail/message"));
        WebElement attachment = browser.findElement(By.linkText("programme AG été.txt"));
        Object downloaded = browser.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0], {credentials: 'same-origin'}).then(r => r.text()"
                        + ".then(t => done([r.status, r.headers.get('content-disposition'), t])));",
                attachment.getDomAttribute("href"));
        List<?> answer = (List<?>) downloaded;
        assertThat(answer.get(0)).isEqualTo(200L);
        assertThat((String) answer.get(1)).startsWith("attachment;");
        assertThat(answer.get(2)).isEqualTo(PROGRAMME);

        browser.get(url("/mail?folder=Sent&q=nowhere-to-be-found"));
        assertThat(browser.findElement(By.cssSelector("main")).getText()).contains("No message matches.");
    }

    @Test
    @Order(5)
    void hostileHtmlNeitherRunsNorFetches() throws Exception {
        String remote = "http://127.0.0.1:" + tracker.getAddress().getPort();
        String html = "<html><head><base href=\"" + remote + "/base/\">"
                + "<meta http-equiv=\"refresh\" content=\"0;url=" + remote + "/refresh\">"
                + "<link rel=\"stylesheet\" href=\"" + remote + "/css\">"
                + "<style>body{background:url(" + remote + "/style-bg)}</style></head><body>"
                + "<p>Visible text of the newsletter</p>"
                + "<script>parent.document.title='pwned';fetch('" + remote + "/script')</script>"
                + "<img src=\"" + remote + "/x\" onerror=\"parent.document.title='pwned'\">"
                + "<img src=x onerror=\"new Image().src='" + remote + "/onerror'\">"
                + "<svg onload=\"new Image().src='" + remote + "/svg'\"><image href=\"" + remote + "/svg-image\"/></svg>"
                + "<div style=\"background-image:url(" + remote + "/div-bg)\">styled</div>"
                + "<iframe src=\"" + remote + "/iframe\"></iframe>"
                + "<object data=\"" + remote + "/object\"></object>"
                + "<form action=\"" + remote + "/form\"><input name=q autofocus onfocus=\"new Image().src='" + remote
                + "/focus'\"><button>go</button></form>"
                + "<a id=js href=\"javascript:new Image().src='" + remote + "/js-link'\">click</a>"
                + "<video poster=\"" + remote + "/poster\"></video>"
                + "</body></html>";
        MimeMessage hostile = mail.message(BOB, ALICE, "Hostile newsletter", "");
        hostile.setContent(html, "text/html; charset=UTF-8");
        mail.submit(BOB, BOB_PASSWORD, hostile);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> mail.subjects(ALICE, ALICE_PASSWORD, "INBOX").contains("Hostile newsletter"));

        logIn(ALICE, ALICE_PASSWORD);
        waiting().until(ExpectedConditions.urlContains("/mail"));
        browser.findElement(By.partialLinkText("Hostile newsletter")).click();
        waiting().until(ExpectedConditions.frameToBeAvailableAndSwitchToIt(By.cssSelector("iframe.body-frame")));
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Visible text of the newsletter"));
        List<WebElement> links = browser.findElements(By.cssSelector("a"));
        for (WebElement link : links) {
            assertThat(String.valueOf(link.getDomAttribute("href"))).doesNotStartWithIgnoringCase("javascript:");
        }
        assertThat(browser.findElements(By.cssSelector("script, form, input, iframe, object, svg, base, meta[http-equiv], link")))
                .isEmpty();
        browser.switchTo().defaultContent();
        Thread.sleep(2000); // time for anything that would run or load late
        assertThat(browser.getTitle()).isEqualTo("Hostile newsletter · Facteur");
        assertThat(browser.getCurrentUrl()).contains("/mail/message");
        assertThat(trackerHits).as("requests that reached the tracker").isEmpty();
    }

    @Test
    @Order(6)
    void anAwayMessageSetInSettingsIsSentByTheServer() throws Exception {
        logIn(ALICE, ALICE_PASSWORD);
        waiting().until(ExpectedConditions.urlContains("/mail"));
        browser.findElement(By.linkText("Settings")).click();
        waiting().until(ExpectedConditions.urlContains("/settings"));
        browser.findElement(By.id("displayName")).sendKeys("Alice Martin");
        browser.findElement(By.cssSelector("#identity button[type=submit]")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status]"), "Settings saved."));
        browser.findElement(By.id("away-enabled")).click();
        browser.findElement(By.id("away-subject")).sendKeys("En congé");
        browser.findElement(By.id("away-body")).sendKeys("Je suis en congé jusqu'au 4 janvier.");
        screenshots("settings");
        browser.findElement(By.cssSelector("#away button[type=submit]")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status]"), "Your away message is on."));
        assertThat(browser.findElement(By.id("away-enabled")).isSelected()).isTrue();

        mail.submit(BOB, BOB_PASSWORD, mail.message(BOB, ALICE, "Tu passes jeudi ?", "Dis-moi."));
        await().atMost(Duration.ofSeconds(30)).until(() -> mail.subjects(BOB, BOB_PASSWORD, "INBOX").contains("En congé"));
        try (jakarta.mail.Store bob = mail.imap(BOB, BOB_PASSWORD)) {
            jakarta.mail.Folder inbox = bob.getFolder("INBOX");
            inbox.open(jakarta.mail.Folder.READ_ONLY);
            MimeMessage reply = (MimeMessage) inbox.getMessage(inbox.getMessageCount());
            assertThat(reply.getSubject()).isEqualTo("En congé");
            assertThat(reply.getHeader("Auto-Submitted", null)).isEqualTo("auto-replied");
            inbox.close(false);
        }
    }
}
