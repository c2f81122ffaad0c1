package org.facteur.lists.posting;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SubjectTagTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Agenda|[team] Agenda",
        "[team] Agenda|[team] Agenda",
        "Re: [team] Re: [team] Agenda|[team] Re: Agenda",
        "RE: Re: [TEAM] Agenda|[team] Re: Agenda",
        "AW: [team] Agenda|[team] Re: Agenda",
        "Fwd: [team] Agenda|[team] Fwd: Agenda",
        "|[team]",
        "Re: [other] Agenda|[team] Re: [other] Agenda",
    })
    void theTagIsNeverStacked(String subject, String expected) {
        assertThat(SubjectTag.tag("[team]", subject == null ? "" : subject)).isEqualTo(expected);
    }
}
