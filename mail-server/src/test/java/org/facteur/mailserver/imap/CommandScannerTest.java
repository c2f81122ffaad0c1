package org.facteur.mailserver.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import org.junit.jupiter.api.Test;

class CommandScannerTest {

    private static CommandScanner scanned(String... reads) {
        CommandScanner scanner = new CommandScanner();
        for (String read : reads) {
            ByteBuf buf = Unpooled.copiedBuffer(read, StandardCharsets.ISO_8859_1);
            int at = buf.readerIndex();
            while (at < buf.writerIndex()) {
                at = scanner.scan(buf, at, buf.writerIndex());
            }
        }
        return scanner;
    }

    @Test
    void keepsATagOfAnyLengthAndTheCommandNameAfterIt() {
        for (int length : new int[] {1, 32, 33, 40, 2_000}) {
            String tag = "T".repeat(length);
            CommandScanner scanner = scanned(tag + " create \"&x\"\r\n");
            assertThat(scanner.tag()).as("%d characters", length).isEqualTo(tag);
            assertThat(scanner.command()).as("after a tag of %d characters", length).isEqualTo("CREATE");
        }
    }

    @Test
    void keepsALongTagThatComesInTwoReadsAfterAnotherCommand() {
        String tag = "u" + "9".repeat(99);
        CommandScanner scanner = scanned("a1 NOOP\r\n" + tag.substring(0, 50), tag.substring(50) + " LOGIN {5}\r\n");
        assertThat(scanner.tag()).isEqualTo(tag);
        assertThat(scanner.command()).isEqualTo("LOGIN");
        assertThat(scanner.stop()).isEqualTo(CommandScanner.Stop.LITERAL);
    }

    @Test
    void cutsATagOnlyAtTheLongestLineJamesReadsAndACommandNameAtThirtyTwo() {
        String tag = "v".repeat(GuardedImapServerFactory.MAX_LINE_BYTES + 10);
        CommandScanner scanner = scanned(tag + " " + "X".repeat(40) + " INBOX\r\n");
        assertThat(scanner.tag()).isEqualTo(tag.substring(0, GuardedImapServerFactory.MAX_LINE_BYTES));
        assertThat(scanner.command()).isEqualTo("X".repeat(32));
        assertThat(scanned("b2 NOOP\r\n").tag()).isEqualTo("b2");
    }
}
