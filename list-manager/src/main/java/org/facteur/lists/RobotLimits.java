package org.facteur.lists;

import java.time.Duration;
import java.util.Objects;

/**
 * How much the command robot may send, so that nobody can use it to mail-bomb an address by forging From:. The
 * defaults are far above what a person does by hand and far below a bomb.
 *
 * @param commandsPerMessage commands that send mail (SUB, UNSUB, ADD, DEL, CONFIRM, DISTRIBUTE, REJECT, CANCEL) that
 *        one message may run; the rest are ignored and the reply says so (Mailman 3 reads at most 10 command lines)
 * @param confirmationsPerAddress confirmation and approval requests one address may receive per window, all lists
 *        together
 * @param repliesPerAddress other robot mails (results, welcome, notices) one command sender may receive per window;
 *        a sender who logged in to this server as that address is not limited
 * @param window how long a counting window lasts; it opens with the first mail counted
 */
public record RobotLimits(int commandsPerMessage, int confirmationsPerAddress, int repliesPerAddress, Duration window) {
    public static final RobotLimits DEFAULTS = new RobotLimits(3, 5, 10, Duration.ofHours(1));

    public RobotLimits {
        if (commandsPerMessage < 1 || confirmationsPerAddress < 1 || repliesPerAddress < 1) {
            throw new IllegalArgumentException("Robot limits must be at least 1 (commands per message, confirmations and replies"
                    + " per address).");
        }
        Objects.requireNonNull(window, "window");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("The robot limits' window must be longer than zero.");
        }
    }
}
