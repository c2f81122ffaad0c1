package org.facteur.webmail.threads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** RFC 5256's thread lists read into threads of (UID, depth), and malformed answers refused with where and why. */
class ThreadListParserTest {

    private static List<String> read(String lists) {
        return ThreadListParser.parse(lists).stream()
                .map(t -> String.join(" ", t.messages().stream().map(m -> m.uid() + "@" + m.depth()).toList()))
                .toList();
    }

    @Test
    void theMailServersAnswerWithBranchesAndAMissingRoot() {
        // ThreadIT's UID THREAD REFERENCES answer: 2 has replies 5 and 3, 6 answers 3; 7 answers 4; 8 and 9 answer a message not there
        assertThat(read("(2 (5)(3 6))(4 7)((8)(9))")).containsExactly("2@0 5@1 3@1 6@2", "4@0 7@1", "8@0 9@0");
    }

    @Test
    void singleMessagesAndChains() {
        assertThat(read("(1)(2)(3 4 5 6)")).containsExactly("1@0", "2@0", "3@0 4@1 5@2 6@3");
    }

    @Test
    void branchesInsideBranches() {
        // RFC 5256's example: (3 6 (4 23)(44 7 96))
        assertThat(read("(3 6 (4 23)(44 7 96))")).containsExactly("3@0 6@1 4@2 23@3 44@2 7@3 96@4");
        assertThat(read("(1 (2 (3)(4))(5))")).containsExactly("1@0 2@1 3@2 4@2 5@1");
    }

    @Test
    void aMissingRootWhoseBranchesHaveReplies() {
        assertThat(read("((1 2)(3 (4)(5)))")).containsExactly("1@0 2@1 3@0 4@1 5@1");
        MessageThread t = ThreadListParser.parse("((8)(9))").get(0);
        assertThat(t.firstUid()).isEqualTo(8);
        assertThat(t.newestUid()).isEqualTo(9);
    }

    @Test
    void noThreadAtAllAndTheSpacesAServerMayPutBetweenThreads() {
        assertThat(ThreadListParser.parse("")).isEmpty();
        assertThat(ThreadListParser.parse(null)).isEmpty();
        assertThat(read(" (1) (2 3) ")).containsExactly("1@0", "2@0 3@1");
        assertThat(read("(4294967295)")).containsExactly("4294967295@0");
    }

    @Test
    void aLongChainIsReadWithoutRecursion() {
        StringBuilder chain = new StringBuilder("(");
        for (int i = 1; i <= 20_000; i++) {
            chain.append(i).append(i < 20_000 ? " " : ")");
        }
        MessageThread t = ThreadListParser.parse(chain.toString()).get(0);
        assertThat(t.size()).isEqualTo(20_000);
        assertThat(t.messages().get(19_999).depth()).isEqualTo(19_999);
    }

    @Test
    void malformedAnswersAreRefusedSayingWhere() {
        assertRefused("(1 2", "at character 4: expected ' ', found the end");
        assertRefused("()", "at character 1: expected a message number, found ')'");
        assertRefused("(1)x", "at character 3: expected '(', found 'x'");
        assertRefused("(1 2))", "at character 5: expected '(', found ')'");
        assertRefused("(0)", "not a message number: 0");
        assertRefused("(01)", "not a message number: 01");
        assertRefused("(4294967296)", "not a message number: 4294967296");
        assertRefused("(99999999999999999999)", "not a message number: 99999999999999999999");
        assertRefused("(1 (2)(1))", "message 1 is in two places");
        assertRefused("(1  2)", "expected a message number, found ' '");
        assertRefused("(1 a)", "expected a message number, found 'a'");
        assertRefused("(1 (2) 3)", "expected ')', found ' '");
        assertRefused("(-1)", "expected a message number, found '-'");
        assertRefused("(１)", "expected a message number, found '１'");
        assertRefused("1 2", "at character 0: expected '('");
        assertRefused("(1 (2)", "expected ')', found the end");
    }

    @Test
    void listsNestedBeyondTheLimitAreRefused() {
        String deep = "(".repeat(ThreadListParser.MAX_NESTING + 1) + "1" + ")".repeat(ThreadListParser.MAX_NESTING + 1);
        assertRefused(deep, "more than " + ThreadListParser.MAX_NESTING + " lists inside one another");
        String deepest = "(".repeat(100_000);
        assertRefused(deepest, "lists inside one another");
        String allowed = "(".repeat(ThreadListParser.MAX_NESTING) + "1" + ")".repeat(ThreadListParser.MAX_NESTING);
        assertThat(read(allowed)).containsExactly("1@0");
    }

    private static void assertRefused(String lists, String why) {
        assertThatThrownBy(() -> ThreadListParser.parse(lists)).isInstanceOf(MalformedThreadListException.class)
                .hasMessageStartingWith("malformed THREAD answer at character ").hasMessageContaining(why);
    }
}
