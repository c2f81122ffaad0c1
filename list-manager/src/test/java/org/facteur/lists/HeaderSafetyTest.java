package org.facteur.lists;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.facteur.lists.testing.Mails.incoming;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import jakarta.mail.Header;
import jakarta.mail.internet.MimeMessage;

import org.facteur.lists.mail.MailComposer;
import org.facteur.lists.mail.OutgoingMail;
import org.facteur.lists.model.Addresses;
import org.facteur.lists.model.MailingList;
import org.facteur.lists.model.Preset;
import org.facteur.lists.model.Role;
import org.facteur.lists.model.SubscribePolicy;
import org.facteur.lists.store.ListStore;
import org.facteur.lists.testing.MutableClock;
import org.facteur.lists.testing.TestLists;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Nothing an administrator, a command or a mail says reaches a header of what the lists send as a line break or a
 * control character: administrators are refused with a sentence, text from mail is flattened to one line.
 */
class HeaderSafetyTest {
    private static final String TEAM = "team@example.org";
    private static final String OWNER = "alice@example.org";

    private final TestLists fixture = TestLists.start();
    private final MutableClock clock = fixture.clock();
    private final ListStore store = fixture.store();
    private final ListService lists = fixture.lists();

    @BeforeEach
    void setUp() {
        lists.admin().create(TEAM, Preset.DISCUSSION, Locale.ENGLISH, OWNER, false, List.of());
    }

    static Stream<String> controls() {
        return Stream.of("\r\n", "\n", "\r", "\u0000", "\u0007", "\u0085");
    }

    @ParameterizedTest
    @MethodSource("controls")
    void theAdministratorIsRefusedLineBreaksAndControlCharactersInWhatBecomesAHeader(String control) {
        MailingList team = lists.admin().get(TEAM);
        String evil = "Team" + control + "Bcc: victim@example.org";
        assertThatThrownBy(() -> lists.admin().update(team.withName(evil))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The list name cannot contain line breaks or control characters.");
        assertThatThrownBy(() -> lists.admin().update(team.withDescription(evil))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The list description cannot contain line breaks or control characters.");
        assertThatThrownBy(() -> lists.admin().addMember(TEAM, "bob@example.org", evil, Role.SUBSCRIBER))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A member's name cannot contain line breaks or control characters.");
        assertThat(lists.admin().get(TEAM)).isEqualTo(team);
        assertThat(store.findMember(TEAM, "bob@example.org")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "\r", "\u001b[2J"})
    void aFooterMayHaveSeveralLinesButNoOtherControlCharacters(String control) {
        MailingList team = lists.admin().get(TEAM);
        assertThatThrownBy(() -> lists.admin().update(team.withFooter("Our charter" + control + "x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The list footer cannot contain control characters other than line breaks and tabs.");
        lists.admin().update(team.withFooter("Our charter:\r\n\thttps://example.org/charter"));
        assertThat(lists.admin().get(TEAM).footer()).isEqualTo("Our charter:\n\thttps://example.org/charter");
    }

    /** Subjects that decode to a line break or a control character, the classic ways. */
    static Stream<Arguments> hostileSubjects() {
        String b64 = Base64.getEncoder().encodeToString("Hi\r\nBcc: victim@example.org".getBytes(StandardCharsets.UTF_8));
        return Stream.of(
                Arguments.of("encoded CRLF", "=?utf-8?q?Hi=0D=0ABcc=3A_victim@example.org?="),
                Arguments.of("encoded LF", "=?utf-8?q?Hi=0ABcc=3A_victim@example.org?="),
                Arguments.of("encoded bare CR", "=?utf-8?q?Hi=0DBcc=3A_victim@example.org?="),
                Arguments.of("encoded NUL", "=?utf-8?q?Hi=00Bcc=3A_victim@example.org?="),
                Arguments.of("base64 CRLF", "=?utf-8?b?" + b64 + "?="),
                Arguments.of("raw NUL", "Hi\u0000Bcc: victim@example.org"),
                Arguments.of("raw ESC", "Hi\u001bBcc: victim@example.org"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileSubjects")
    void aPostersSubjectReachesRobotMailsFlattenedToOneLine(String label, String subject) throws Exception {
        List<OutgoingMail> held = lists.handle(incoming("x@remote.test", TEAM, subject, "hello"));
        List<OutgoingMail> answered = lists.handle(incoming("y@remote.test", "lists@example.org", subject, "no command here"));
        assertThat(held).hasSize(2);
        assertThat(answered).hasSize(1);
        for (OutgoingMail mail : Stream.concat(held.stream(), answered.stream()).toList()) {
            MimeMessage sent = assertHeadersAreClean(mail);
            assertThat(sent.getSubject()).contains("Hi").contains("Bcc: victim@example.org");
        }
    }

    @Test
    void aDisplayNameOrACommandArgumentFromMailIsStoredOnOneLine() {
        lists.admin().update(lists.admin().get(TEAM).withPolicies(lists.admin().get(TEAM).policies().withSubscribe(SubscribePolicy.OPEN)));
        lists.handle(incoming("=?utf-8?q?Eve=0D=0ABcc=3A_x@example.org=00?= <eve@remote.test>", "team-subscribe@example.org", "", ""));
        assertThat(store.findMember(TEAM, "eve@remote.test").orElseThrow().name()).isEqualTo("Eve Bcc: x@example.org");
        lists.handle(incoming("fred@remote.test", "lists@example.org", "", "SUB team Fred\u0000\u0007Flintstone"));
        assertThat(store.findMember(TEAM, "fred@remote.test").orElseThrow().name()).isEqualTo("Fred Flintstone");
    }

    @Test
    void aListNameWithALineBreakAlreadyInTheStoreCannotInjectAHeader() throws Exception {
        store.updateList(lists.admin().get(TEAM).withName("Team\r\nBcc: victim@example.org").withPolicies(
                lists.admin().get(TEAM).policies().withSubscribe(SubscribePolicy.OPEN)));
        lists.admin().addMember(TEAM, "bob@example.org", "Bob", Role.SUBSCRIBER);
        clock.advance(Duration.ofSeconds(10)); // the directory re-reads the store, as it does for another node's change
        List<OutgoingMail> copies = lists.handle(incoming("bob@example.org", TEAM, "Hello", "hi all"));
        List<OutgoingMail> welcome = lists.handle(incoming("new@remote.test", "team-subscribe@example.org", "", ""));
        assertThat(copies).hasSize(1);
        assertThat(welcome).hasSize(1);
        assertThat(assertHeadersAreClean(copies.get(0)).getHeader("List-Id", null)).isEqualTo("\"Team Bcc: victim@example.org\" <team.example.org>");
        assertHeadersAreClean(welcome.get(0));
    }

    @Test
    void anAddressWithAControlCharacterIsNotAnAddress() {
        assertThat(Addresses.isValid("a\u0000b@example.org")).isFalse();
        assertThat(Addresses.isValid("a\u007fb@example.org")).isFalse();
        assertThat(Addresses.isValid("a\u0085b@example.org")).isFalse();
        assertThat(Addresses.isValid("a.b+c@example.org")).isTrue();
        assertThatThrownBy(() -> lists.admin().addMember(TEAM, "a\u0001b@example.org", "", Role.SUBSCRIBER))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a mail address");
    }

    /**
     * Checks the header block byte by byte: CR only before LF, LF only after CR, a line break only to fold (followed by
     * a space or a tab), no other control byte; then that no Bcc header appeared and that no decoded header holds a
     * control character but the tab of folding. Returns the message as a reader would parse it.
     */
    static MimeMessage assertHeadersAreClean(OutgoingMail mail) throws Exception {
        byte[] raw = MailComposer.bytes(mail.message());
        String all = new String(raw, StandardCharsets.ISO_8859_1);
        int end = all.indexOf("\r\n\r\n");
        assertThat(end).as("end of headers").isPositive();
        String block = all.substring(0, end + 2);
        for (int i = 0; i < block.length(); i++) {
            char c = block.charAt(i);
            if (c == '\r') {
                assertThat(block.charAt(i + 1)).as("byte after CR at %d in%n%s", i, block).isEqualTo('\n');
            } else if (c == '\n') {
                assertThat(block.charAt(i - 1)).as("byte before LF at %d", i).isEqualTo('\r');
                if (i + 1 < block.length()) {
                    assertThat(block.charAt(i + 1) == ' ' || block.charAt(i + 1) == '\t' || Character.isLetter(block.charAt(i + 1)))
                            .as("a header line starts with a name or folds, at %d in%n%s", i, block).isTrue();
                }
            } else {
                assertThat(c < 0x20 && c != '\t' || c == 0x7f).as("control byte %d at %d in%n%s", (int) c, i, block).isFalse();
            }
        }
        MimeMessage parsed = new MimeMessage(MailComposer.session(), new ByteArrayInputStream(raw));
        assertThat(parsed.getHeader("Bcc")).as("an injected Bcc header in%n%s", block).isNull();
        for (Header header : java.util.Collections.list(parsed.getAllHeaders())) {
            String decoded = jakarta.mail.internet.MimeUtility.decodeText(jakarta.mail.internet.MimeUtility.unfold(header.getValue()));
            assertThat(decoded.chars().noneMatch(ch -> ch != '\t' && Character.getType(ch) == Character.CONTROL))
                    .as("control character in the decoded %s: %s", header.getName(), decoded).isTrue();
        }
        return parsed;
    }
}
