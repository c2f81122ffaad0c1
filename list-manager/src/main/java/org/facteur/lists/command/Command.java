package org.facteur.lists.command;

import java.util.Optional;

/**
 * The email commands (Sympa syntax, Mailman synonyms). {@code list} is the name as written ({@code team} or
 * {@code team@example.org}); empty when the command was sent to {@code team-request@}, which implies the list.
 */
public sealed interface Command {

    /**
     * Whether running it can send mail beyond the line it adds to the reply (a confirmation, a welcome, a post, a
     * notice to owners or moderators). One message runs only a few of these.
     */
    default boolean sendsMail() {
        return switch (this) {
            case Subscribe c -> true;
            case Unsubscribe c -> true;
            case Confirm c -> true;
            case Add c -> true;
            case Del c -> true;
            case Distribute c -> true;
            case Reject c -> true;
            case Cancel c -> true;
            case Help c -> false;
            case Lists c -> false;
            case Which c -> false;
            case Info c -> false;
            case Review c -> false;
            case Set c -> false;
            case ModIndex c -> false;
            case Malformed c -> false;
        };
    }
    record Help() implements Command {
    }

    record Lists() implements Command {
    }

    record Which() implements Command {
    }

    record Info(Optional<String> list) implements Command {
    }

    record Review(Optional<String> list) implements Command {
    }

    record Subscribe(Optional<String> list, String name) implements Command {
    }

    record Unsubscribe(Optional<String> list) implements Command {
    }

    record Set(Optional<String> list, String mode) implements Command {
    }

    record Confirm(String key) implements Command {
    }

    record Add(Optional<String> list, String address, String name) implements Command {
    }

    record Del(Optional<String> list, String address) implements Command {
    }

    record Distribute(Optional<String> list, String key) implements Command {
    }

    record Reject(Optional<String> list, String key, String reason) implements Command {
    }

    record ModIndex(Optional<String> list) implements Command {
    }

    /** The poster withdraws their own held post with the key they were sent. */
    record Cancel(Optional<String> list, String key) implements Command {
    }

    /** A known keyword used wrongly: the reply shows the usage. */
    record Malformed(String line, String usage) implements Command {
    }
}
