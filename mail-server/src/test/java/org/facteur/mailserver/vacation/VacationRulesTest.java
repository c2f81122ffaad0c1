package org.facteur.mailserver.vacation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Properties;

import javax.mail.Message;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

class VacationRulesTest {
    static final String ALICE = "alice@example.org";

    static MimeMessage to(String to) throws Exception {
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
        m.setFrom("bob@example.org");
        m.setRecipients(Message.RecipientType.TO, to);
        m.setSubject("Hello");
        m.setText("hi");
        return m;
    }

    @Test
    void parsesTheEntryAndKnowsWhenItIsActive() {
        Vacation v = Vacation.parse("enabled=true\nstart=2026-12-20\nend=2027-01-03\nsubject=Away\nbody=Back in January\n").orElseThrow();
        assertThat(v.activeOn(LocalDate.parse("2026-12-19"))).isFalse();
        assertThat(v.activeOn(LocalDate.parse("2026-12-20"))).isTrue();
        assertThat(v.activeOn(LocalDate.parse("2027-01-03"))).isTrue();
        assertThat(v.activeOn(LocalDate.parse("2027-01-04"))).isFalse();
        assertThat(Vacation.parse("enabled=true\nbody=   \n").orElseThrow().activeOn(LocalDate.now())).isFalse();
        assertThat(Vacation.parse("enabled=true\nstart=tomorrow\nbody=x")).isEmpty();
        assertThat(Vacation.parse(null)).isEmpty();
        Vacation french = new Vacation(true, null, LocalDate.parse("2027-01-03"), "Absente", "Je suis en congé.\nÀ bientôt");
        assertThat(french.format()).matches("\\p{ASCII}*");
        assertThat(Vacation.parse(french.format())).contains(french);
    }

    @Test
    void answersOnlyPeopleWhoWroteToTheMemberDirectly() throws Exception {
        assertThat(AutoReplyRules.deservesReply("bob@example.org", ALICE, to(ALICE))).isTrue();
        assertThat(AutoReplyRules.deservesReply("bob@example.org", ALICE, to("team@example.org"))).isFalse();
        assertThat(AutoReplyRules.deservesReply("", ALICE, to(ALICE))).isFalse();
        assertThat(AutoReplyRules.deservesReply(ALICE, ALICE, to(ALICE))).isFalse();
        for (String robot : new String[] {"MAILER-DAEMON@x.org", "owner-team@x.org", "team-request@x.org", "noreply@x.org", "news-bounces@x.org"}) {
            assertThat(AutoReplyRules.deservesReply(robot, ALICE, to(ALICE))).as(robot).isFalse();
        }
        for (String[] header : new String[][] {{"Auto-Submitted", "auto-replied"}, {"Auto-Submitted", "auto-generated"},
                {"Precedence", "bulk"}, {"Precedence", "list"}, {"List-Id", "<team.example.org>"}, {"X-Loop", "team@x"}}) {
            MimeMessage m = to(ALICE);
            m.setHeader(header[0], header[1]);
            assertThat(AutoReplyRules.deservesReply("bob@example.org", ALICE, m)).as(header[0]).isFalse();
        }
        MimeMessage human = to(ALICE);
        human.setHeader("Auto-Submitted", "no");
        assertThat(AutoReplyRules.deservesReply("bob@example.org", ALICE, human)).isTrue();
    }

    @Test
    void aSenderIsAnsweredOncePerPeriod() {
        Instant t0 = Instant.parse("2026-12-21T10:00:00Z");
        Clock[] clock = {Clock.fixed(t0, ZoneOffset.UTC)};
        RecentReplies recent = new RecentReplies(Duration.ofDays(7), new Clock() {
            @Override public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(java.time.ZoneId zone) { return this; }
            @Override public Instant instant() { return clock[0].instant(); }
        });
        assertThat(recent.claim(ALICE, "bob@example.org")).isTrue();
        assertThat(recent.claim(ALICE, "BOB@example.org")).isFalse();
        assertThat(recent.claim("dave@example.org", "bob@example.org")).isTrue();
        clock[0] = Clock.fixed(t0.plus(Duration.ofDays(6)), ZoneOffset.UTC);
        assertThat(recent.claim(ALICE, "bob@example.org")).isFalse();
        clock[0] = Clock.fixed(t0.plus(Duration.ofDays(7)), ZoneOffset.UTC);
        assertThat(recent.claim(ALICE, "bob@example.org")).isTrue();
    }
}
