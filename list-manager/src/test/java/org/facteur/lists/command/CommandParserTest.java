package org.facteur.lists.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class CommandParserTest {
    private final CommandParser parser = new CommandParser();

    @Test
    void commandsComeFromTheSubjectAndTheBodyUntilQuit() {
        var parsed = parser.parse("Re: sub team Alice Martin", "which\nInfo team\nquit\nHELP", Optional.empty());
        assertThat(parsed.commands()).containsExactly(new Command.Subscribe(Optional.of("team"), "Alice Martin"), new Command.Which(),
                new Command.Info(Optional.of("team")));
    }

    @Test
    void quotedLinesAndSignaturesAreNeverExecuted() {
        var parsed = parser.parse("Re: [team] To moderate: x", "REJECT team k1 not here\n> DISTRIBUTE team k1\n-- \nDISTRIBUTE team k2",
                Optional.empty());
        assertThat(parsed.commands()).containsExactly(new Command.Reject(Optional.of("team"), "k1", "not here"));
    }

    @Test
    void aPlainReplyToARequestRunsTheDecisionItsSubjectEndsWith() {
        assertThat(parser.parse("Re: RE: [team] Approval needed for x@remote.test (CONFIRM k1)", "Fine by me.\n> REJECT team k1",
                Optional.empty()).commands()).containsExactly(new Command.Confirm("k1"));
        assertThat(parser.parse("Re: [team] To moderate: hi (DISTRIBUTE team k2)", "", Optional.of("team")).commands())
                .containsExactly(new Command.Distribute(Optional.of("team"), "k2"));
        assertThat(parser.parse("Re: [team] To moderate: hi (DISTRIBUTE team k2)", "REJECT team k2 spam", Optional.of("team")).commands())
                .containsExactly(new Command.Reject(Optional.of("team"), "k2", "spam"));
        assertThat(parser.parse("Re: see (DISTRIBUTE team k3) above", "", Optional.of("team")).commands()).isEmpty();
    }

    @Test
    void mailmanSynonymsWorkAtTheRequestAddressWithoutAListName() {
        var parsed = parser.parse("join", "leave\nwho\nconfirm abc\nSET nomail\nDISTRIBUTE team k", Optional.of("team"));
        assertThat(parsed.commands()).containsExactly(new Command.Subscribe(Optional.empty(), ""), new Command.Unsubscribe(Optional.empty()),
                new Command.Review(Optional.empty()), new Command.Confirm("abc"), new Command.Set(Optional.empty(), "NOMAIL"),
                new Command.Distribute(Optional.of("team"), "k"));
    }

    @Test
    void missingArgumentsGiveTheUsage() {
        var parsed = parser.parse("", "SUB\nDISTRIBUTE team\nhello there", Optional.empty());
        assertThat(parsed.commands()).containsExactly(new Command.Malformed("SUB", "SUB <list> [your name]"),
                new Command.Malformed("DISTRIBUTE team", "DISTRIBUTE <list> <key>"));
        assertThat(parsed.ignored()).containsExactly("hello there");
    }
}
