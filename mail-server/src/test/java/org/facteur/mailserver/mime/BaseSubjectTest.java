package org.facteur.mailserver.mime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** RFC 5256 §2.1's base subject, step by step, and its collation key. */
class BaseSubjectTest {
    private static String base(String subject) {
        return BaseSubject.of(subject).text();
    }

    private static boolean marked(String subject) {
        return BaseSubject.of(subject).replyOrForward();
    }

    @Test
    void replyAndForwardLeadersGoWithTheTagsAroundThem() {
        assertThat(base("Re: budget")).isEqualTo("budget");
        assertThat(base("RE[2]: budget")).isEqualTo("budget");
        assertThat(base("re :budget")).isEqualTo("budget");
        assertThat(base("[team] Fwd: [other] Re: fw: budget")).isEqualTo("budget");
        assertThat(base("Regarding: budget")).isEqualTo("Regarding: budget");
        assertThat(base("Ad: Re: x")).as("only re, fw and fwd are leaders").isEqualTo("Ad: Re: x");
    }

    @Test
    void trailersAndForwardWrappersGo() {
        assertThat(base("budget (fwd)")).isEqualTo("budget");
        assertThat(base("budget (FwD)   (fwd) ")).isEqualTo("budget");
        assertThat(base("[Fwd: budget]")).isEqualTo("budget");
        assertThat(base("re: [fwd: [fwd: re: [fwd: deep]]]")).isEqualTo("deep");
        assertThat(base("Re: [FWD: c]")).isEqualTo("c");
        assertThat(base("budget (a)")).isEqualTo("budget (a)");
    }

    @Test
    void aTagAloneStaysAndWhiteSpaceCollapses() {
        assertThat(base("[xyz]")).isEqualTo("[xyz]");
        assertThat(base("[team] minutes")).isEqualTo("minutes");
        assertThat(base("  lots \t of\r\n  space  ")).isEqualTo("lots of space");
        assertThat(base(" ")).isEmpty();
        assertThat(base("")).isEmpty();
    }

    @Test
    void theMarkerSaysWhetherAReplyOrForwardWasRemoved() {
        assertThat(marked("Re: x")).isTrue();
        assertThat(marked("[team] Fwd: x")).isTrue();
        assertThat(marked("x (fwd)")).isTrue();
        assertThat(marked("[Fwd: x]")).isTrue();
        assertThat(marked("[team] x")).isFalse();
        assertThat(marked("  x  ")).isFalse();
        assertThat(marked("Regarding: x")).isFalse();
    }

    @Test
    void asciiCasemapUpperCasesAsciiLettersOnly() {
        assertThat(BaseSubject.asciiCasemap("abc_é[")).isEqualTo("ABC_é[");
        assertThat(BaseSubject.asciiCasemap("c").compareTo(BaseSubject.asciiCasemap("[xyz]"))).isNegative();
        assertThat(BaseSubject.asciiCasemap("[xyz]").compareTo(BaseSubject.asciiCasemap("_"))).isNegative();
        assertThat(BaseSubject.of("Réunion").threadKey()).isEqualTo(BaseSubject.of("RÉUNION").threadKey());
    }
}
