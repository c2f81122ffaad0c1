package org.facteur.lists.command;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The commands one message runs. Each command runs once, however often it is written (in the Subject and again in the
 * body, twice in the body, with another name or reason: Mailman 3 likewise runs one {@code join} per message); and at
 * most {@code limit} commands that send mail run, the others are counted as ignored so that the reply can say so.
 *
 * @param run the commands to run, in order
 * @param ignored how many commands that send mail were left out because of the limit
 */
public record CommandBatch(List<Command> run, int ignored) {

    /**
     * @param domain the robot's domain: {@code team} and {@code team@<domain>} name the same list
     * @param impliedList the list's name at {@code <list>-request@}, where it may be left out
     */
    public static CommandBatch of(List<Command> commands, String domain, Optional<String> impliedList, int limit) {
        List<Command> run = new ArrayList<>();
        java.util.Set<String> seen = new HashSet<>();
        int mailing = 0;
        int ignored = 0;
        for (Command command : commands) {
            if (!seen.add(identity(command, domain, impliedList))) {
                continue;
            }
            if (command.sendsMail() && ++mailing > limit) {
                ignored++;
                continue;
            }
            run.add(command);
        }
        return new CommandBatch(List.copyOf(run), ignored);
    }

    /** What a command does, without what does not change its effect (a name, a reason, the spelling of the list). */
    static String identity(Command command, String domain, Optional<String> impliedList) {
        return switch (command) {
            case Command.Help c -> "HELP";
            case Command.Lists c -> "LISTS";
            case Command.Which c -> "WHICH";
            case Command.Info c -> "INFO " + list(c.list(), domain, impliedList);
            case Command.Review c -> "REVIEW " + list(c.list(), domain, impliedList);
            case Command.Subscribe c -> "SUB " + list(c.list(), domain, impliedList);
            case Command.Unsubscribe c -> "UNSUB " + list(c.list(), domain, impliedList);
            case Command.Set c -> "SET " + list(c.list(), domain, impliedList) + " " + c.mode();
            case Command.Confirm c -> "CONFIRM " + lower(c.key());
            case Command.Add c -> "ADD " + list(c.list(), domain, impliedList) + " " + lower(c.address());
            case Command.Del c -> "DEL " + list(c.list(), domain, impliedList) + " " + lower(c.address());
            case Command.Distribute c -> "DISTRIBUTE " + list(c.list(), domain, impliedList) + " " + lower(c.key());
            case Command.Reject c -> "REJECT " + list(c.list(), domain, impliedList) + " " + lower(c.key());
            case Command.ModIndex c -> "MODINDEX " + list(c.list(), domain, impliedList);
            case Command.Cancel c -> "CANCEL " + list(c.list(), domain, impliedList) + " " + lower(c.key());
            case Command.Malformed c -> "MALFORMED " + c.line();
        };
    }

    private static String list(Optional<String> named, String domain, Optional<String> impliedList) {
        String name = lower(named.or(() -> impliedList).orElse(""));
        String suffix = "@" + lower(domain);
        return name.endsWith(suffix) ? name.substring(0, name.length() - suffix.length()) : name;
    }

    private static String lower(String value) {
        return value.toLowerCase(Locale.ROOT);
    }
}
