package org.facteur.lists.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class CommandBatchTest {
    private final CommandParser parser = new CommandParser();

    private CommandBatch batch(String subject, String body, Optional<String> implied) {
        return CommandBatch.of(parser.parse(subject, body, implied).commands(), "example.org", implied, 3);
    }

    @Test
    void aCommandRunsOnceWhateverTheSpellingOfTheListOrTheName() {
        CommandBatch batch = batch("SUB team", "sub team@example.org Eve\nSUB TEAM Bob\nsubscribe team", Optional.empty());
        assertThat(batch.run()).containsExactly(new Command.Subscribe(Optional.of("team"), ""));
        assertThat(batch.ignored()).isZero();
        assertThat(batch("SUB", "join team\nSUB team@example.org", Optional.of("team")).run()).hasSize(1);
    }

    @Test
    void onlyCommandsThatSendMailAreCapped() {
        CommandBatch batch = batch("", "HELP\nSUB a\nINFO a\nSUB b\nUNSUB c\nSUB d\nLISTS\nCONFIRM abc\nHELP", Optional.empty());
        assertThat(batch.run()).extracting(c -> c.getClass().getSimpleName())
                .containsExactly("Help", "Subscribe", "Info", "Subscribe", "Unsubscribe", "Lists");
        assertThat(batch.ignored()).isEqualTo(2);
    }

    @Test
    void differentKeysAreDifferentCommands() {
        assertThat(batch("", "CONFIRM aaa\nconfirm AAA\nCONFIRM bbb", Optional.empty()).run())
                .containsExactly(new Command.Confirm("aaa"), new Command.Confirm("bbb"));
        assertThat(List.of(new Command.Help(), new Command.Set(Optional.of("a"), "MAIL")))
                .noneMatch(Command::sendsMail);
    }
}
