package org.facteur.webmail.threads;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the thread lists of an IMAP {@code THREAD} response (RFC 5256 §4), what follows {@code * THREAD}:
 * {@code (2 (5)(3 6))(4 7)((8)(9))}. In a list, each number is a reply to the one before it, and the lists after
 * the last number are its replies (branches); a list that starts with a list is a thread whose root is missing,
 * its branches then being the thread's tops. Anything else is refused with {@link MalformedThreadListException},
 * saying where: a number that is zero, too large or written twice, an empty or unclosed list, text after the
 * last list, or more than {@link #MAX_NESTING} lists inside one another.
 */
public final class ThreadListParser {
    /** Lists inside one another (branches of branches) read at most; replies in a chain ({@code 1 2 3}) do not count. */
    public static final int MAX_NESTING = 100;
    private static final long MAX_NUMBER = 0xFFFF_FFFFL;

    private final String text;
    private final Set<Long> seen = new HashSet<>();
    private int pos;

    private ThreadListParser(String text) {
        this.text = text;
    }

    /** The threads of {@code text} in the server's order; empty for an empty (or blank) answer. */
    public static List<MessageThread> parse(String text) {
        if (text == null) {
            return List.of();
        }
        return new ThreadListParser(text).threads();
    }

    private List<MessageThread> threads() {
        List<MessageThread> threads = new ArrayList<>();
        skipSpaces();
        while (pos < text.length()) {
            expect('(');
            List<ThreadedMessage> messages = new ArrayList<>();
            list(messages, 0, 1);
            threads.add(new MessageThread(messages));
            skipSpaces();
        }
        return threads;
    }

    /** The rest of a list whose "(" was read, its messages placed {@code depth} replies deep. */
    private void list(List<ThreadedMessage> out, int depth, int nesting) {
        if (nesting > MAX_NESTING) {
            throw error("more than " + MAX_NESTING + " lists inside one another");
        }
        if (peek() == '(') {
            branches(out, depth, nesting); // no root: its replies are the thread's tops
            expect(')');
            return;
        }
        int d = depth;
        while (true) {
            out.add(new ThreadedMessage(number(), d));
            if (peek() == ')') {
                pos++;
                return;
            }
            expect(' ');
            if (peek() == '(') {
                branches(out, d + 1, nesting);
                expect(')');
                return;
            }
            d++;
        }
    }

    /** One or more lists side by side (RFC 5256 asks two; one is read too), each a branch at {@code depth}. */
    private void branches(List<ThreadedMessage> out, int depth, int nesting) {
        do {
            pos++;
            list(out, depth, nesting + 1);
        } while (peek() == '(');
    }

    private long number() {
        int start = pos;
        while (pos < text.length() && Character.isDigit(text.charAt(pos)) && text.charAt(pos) < 128) {
            pos++;
        }
        if (pos == start) {
            throw error(pos < text.length() ? "expected a message number, found '" + text.charAt(pos) + "'"
                    : "expected a message number, found the end");
        }
        String digits = text.substring(start, pos);
        if (digits.charAt(0) == '0' || digits.length() > 10 || Long.parseLong(digits) > MAX_NUMBER) {
            throw error("not a message number: " + digits);
        }
        long n = Long.parseLong(digits);
        if (!seen.add(n)) {
            throw error("message " + n + " is in two places");
        }
        return n;
    }

    private int peek() {
        return pos < text.length() ? text.charAt(pos) : -1;
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "', found " + (pos < text.length() ? "'" + text.charAt(pos) + "'" : "the end"));
        }
        pos++;
    }

    private void skipSpaces() {
        while (peek() == ' ') {
            pos++;
        }
    }

    private MalformedThreadListException error(String what) {
        return new MalformedThreadListException("malformed THREAD answer at character " + pos + ": " + what);
    }
}
