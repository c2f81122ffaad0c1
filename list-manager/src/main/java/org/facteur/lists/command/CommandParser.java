package org.facteur.lists.command;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;

import org.facteur.lists.mail.ReplySubject;
import org.facteur.lists.model.HeaderText;

/**
 * Reads commands the way Sympa does: one per line, in the Subject and then the body; keywords are
 * case-insensitive; reading stops at {@code QUIT}, {@code END} or a signature ({@code -- }). Quoted lines
 * ({@code > ...}) are never commands, so a reply that quotes a moderation notice executes only what the
 * moderator typed. Lines that are not commands are collected, not executed. A message with no command at all that
 * answers an approval or moderation request (its Subject ends with "(CONFIRM key)" or "(DISTRIBUTE list key)") runs
 * that decision: a plain reply approves, like a reply to any confirmation.
 */
public final class CommandParser {
    /** The decision a request's Subject ends with, "(CONFIRM key)" or "(DISTRIBUTE list key)": what a plain reply does. */
    private static final Pattern REPLY_DECISION = Pattern.compile("\\(((?:CONFIRM|DISTRIBUTE) [^()]+)\\)$");
    private static final int MAX_LINES = 200;

    /** The result: commands in order, and the first lines that were not commands. */
    public record Parsed(List<Command> commands, List<String> ignored) {
    }

    /** @param impliedList the list's name when the mail was sent to {@code <list>-request@}, empty at the robot address */
    public Parsed parse(String subject, String body, Optional<String> impliedList) {
        List<Command> commands = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        String cleanSubject = ReplySubject.strip(subject);
        Optional<Command> fromSubject = cleanSubject.isEmpty() ? Optional.empty() : parseLine(cleanSubject, impliedList);
        fromSubject.ifPresent(commands::add);
        String[] lines = (body == null ? "" : body).split("\\r?\\n", -1);
        int read = 0;
        for (String raw : lines) {
            if (++read > MAX_LINES) {
                break;
            }
            String line = raw.strip();
            if (raw.equals("-- ") || line.equals("--")) {
                break;
            }
            if (line.isEmpty() || line.startsWith(">")) {
                continue;
            }
            String keyword = line.split("\\s+")[0].toUpperCase(Locale.ROOT);
            if (keyword.equals("QUIT") || keyword.equals("END") || keyword.equals("STOP")) {
                break;
            }
            Optional<Command> command = parseLine(line, impliedList);
            if (command.isPresent()) {
                commands.add(command.get());
            } else if (ignored.size() < 5) {
                ignored.add(line);
            }
        }
        // A subject like "subscribe" above "SUB team" in the body is a title, not a command to complain about.
        if (fromSubject.isPresent() && fromSubject.get() instanceof Command.Malformed && commands.size() > 1) {
            commands.remove(0);
        }
        // A reply to an approval or moderation request that holds no command (no REJECT line) approves.
        Matcher decision = REPLY_DECISION.matcher(cleanSubject);
        if (commands.isEmpty() && decision.find()) {
            parseLine(decision.group(1), impliedList).ifPresent(commands::add);
        }
        return new Parsed(List.copyOf(commands), List.copyOf(ignored));
    }

    /**
     * One line; empty when its first word is not a command keyword. Control characters separate words like spaces,
     * so that no argument (a name, a reason) carries one into what the robot stores or writes.
     */
    public Optional<Command> parseLine(String raw, Optional<String> impliedList) {
        String line = HeaderText.oneLine(raw);
        String[] words = line.split(" ");
        String keyword = words[0].toUpperCase(Locale.ROOT);
        List<String> args = Arrays.asList(words).subList(1, words.length);
        return Optional.ofNullable(switch (keyword) {
            case "HELP", "AIDE" -> new Command.Help();
            case "LISTS", "LISTES" -> new Command.Lists();
            case "WHICH" -> new Command.Which();
            case "INFO" -> withList(line, args, impliedList, 0, "INFO <list>", rest -> new Command.Info(list(args, impliedList)));
            case "REVIEW", "WHO" -> withList(line, args, impliedList, 0, "REVIEW <list>", rest -> new Command.Review(list(args, impliedList)));
            case "SUB", "SUBSCRIBE", "JOIN" -> withList(line, args, impliedList, 0, "SUB <list> [your name]",
                    rest -> new Command.Subscribe(list(args, impliedList), String.join(" ", rest)));
            case "SIG", "SIGNOFF", "UNSUB", "UNSUBSCRIBE", "LEAVE" -> withList(line, args, impliedList, 0, "UNSUB <list>",
                    rest -> new Command.Unsubscribe(list(args, impliedList)));
            case "SET" -> withList(line, args, impliedList, 1, "SET <list> MAIL|NOMAIL|NOT_ME|DIGEST|DIGESTPLAIN",
                    rest -> new Command.Set(list(args, impliedList), rest.get(0).toUpperCase(Locale.ROOT)));
            case "CONFIRM", "AUTH" -> args.isEmpty() ? new Command.Malformed(line, "CONFIRM <key>") : new Command.Confirm(args.get(0));
            case "ADD" -> withList(line, args, impliedList, 1, "ADD <list> <address> [name]",
                    rest -> new Command.Add(list(args, impliedList), rest.get(0), String.join(" ", rest.subList(1, rest.size()))));
            case "DEL", "DELETE" -> withList(line, args, impliedList, 1, "DEL <list> <address>",
                    rest -> new Command.Del(list(args, impliedList), rest.get(0)));
            case "DISTRIBUTE" -> withList(line, args, impliedList, 1, "DISTRIBUTE <list> <key>",
                    rest -> new Command.Distribute(list(args, impliedList), rest.get(0)));
            case "REJECT" -> withList(line, args, impliedList, 1, "REJECT <list> <key> [reason]",
                    rest -> new Command.Reject(list(args, impliedList), rest.get(0), String.join(" ", rest.subList(1, rest.size()))));
            case "MODINDEX" -> withList(line, args, impliedList, 0, "MODINDEX <list>", rest -> new Command.ModIndex(list(args, impliedList)));
            case "CANCEL" -> withList(line, args, impliedList, 1, "CANCEL <list> <key>",
                    rest -> new Command.Cancel(list(args, impliedList), rest.get(0)));
            default -> null;
        });
    }

    /**
     * At the robot address the list must be named. At {@code <list>-request@} it may be left out: the first
     * argument is the list only when it names that list ({@code team} or {@code team@example.org}).
     */
    private static Command withList(String line, List<String> args, Optional<String> impliedList, int needed, String usage,
            java.util.function.Function<List<String>, Command> build) {
        boolean listGiven = hasListArgument(args, impliedList);
        if (!listGiven && impliedList.isEmpty()) {
            return new Command.Malformed(line, usage);
        }
        List<String> rest = listGiven ? args.subList(1, args.size()) : args;
        if (rest.size() < needed) {
            return new Command.Malformed(line, usage);
        }
        return build.apply(rest);
    }

    private static boolean hasListArgument(List<String> args, Optional<String> impliedList) {
        if (args.isEmpty()) {
            return false;
        }
        String first = args.get(0).toLowerCase(Locale.ROOT);
        return impliedList.map(implied -> first.equals(implied) || first.startsWith(implied + "@")).orElse(true);
    }

    private static Optional<String> list(List<String> args, Optional<String> impliedList) {
        return hasListArgument(args, impliedList) ? Optional.of(args.get(0)) : Optional.empty();
    }

    /** The text a person wrote: the first text/plain part, or the text of the first HTML part. */
    public static String bodyText(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/plain")) {
            Object content = part.getContent();
            return content instanceof String s ? s : "";
        }
        if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
            String html = null;
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                if (child.isMimeType("text/plain") || child.isMimeType("multipart/*")) {
                    String text = bodyText(child);
                    if (!text.isEmpty()) {
                        return text;
                    }
                } else if (html == null && child.isMimeType("text/html")) {
                    html = bodyText(child);
                }
            }
            return html == null ? "" : html;
        }
        if (part.isMimeType("text/html") && part.getContent() instanceof String html) {
            return html.replaceAll("(?i)<br\\s*/?>|</p>|</div>", "\n").replaceAll("<[^>]*>", " ")
                    .replace("&gt;", ">").replace("&lt;", "<").replace("&amp;", "&").replace("&nbsp;", " ");
        }
        return "";
    }
}
