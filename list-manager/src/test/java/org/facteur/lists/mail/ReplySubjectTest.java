package org.facteur.lists.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReplySubjectTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "CONFIRM abc|Re: CONFIRM abc",
        "Re: CONFIRM abc|Re: CONFIRM abc",
        "Re: Re: RE: re:CONFIRM abc|Re: CONFIRM abc",
        "Re: Re: [board] Approval needed for x@example.org|Re: [board] Approval needed for x@example.org",
        "Réf. : TR: Fwd: AW: Sv: Antw: help|Re: help",
        "RÉF.: Re[2]: Re^3: help|Re: help",
        "Fw: Re : help|Re: help",
        "Return of the report|Re: Return of the report",
        "Tribute: Refund|Re: Tribute: Refund",
    })
    void aReplyHasExactlyOneRe(String subject, String expected) {
        assertThat(ReplySubject.reply(subject)).isEqualTo(expected);
    }
}
