package org.facteur.webmail.imap;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;

import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.MessageSet;

/**
 * FETCH commands Jakarta Mail does not offer: bounded ({@code BODY.PEEK[section]<0.max>}) and several
 * sections or several messages in one command. Each FETCH costs James a load of the message from its store
 * (and a parse for a part's section), so the webmail asks once for what a page needs, never once per part.
 */
public final class ImapFetch {
    private ImapFetch() {
    }

    /** Up to {@code max} bytes of {@code section} ({@code ""}, {@code "HEADER"}, {@code "TEXT"}, {@code "1.2"}…), or an empty array. */
    public static byte[] peek(Folder folder, Message message, String section, int max) throws MessagingException {
        int msgno = message.getMessageNumber();
        BODY body = (BODY) ((IMAPFolder) folder).doCommand(p -> p.peekBody(msgno, section, 0, max));
        return body == null ? new byte[0] : body.getByteArrayInputStream().readAllBytes();
    }

    /** The whole message (BODY.PEEK[]) in one FETCH, not in the 16 KB pieces Jakarta Mail reads it in. */
    public static byte[] whole(Folder folder, Message message) throws MessagingException {
        int msgno = message.getMessageNumber();
        BODY body = (BODY) ((IMAPFolder) folder).doCommand(p -> p.peekBody(msgno, ""));
        return body == null ? new byte[0] : body.getByteArrayInputStream().readAllBytes();
    }

    /** Up to {@code max} bytes of each section of one message, in one FETCH; section to bytes (missing ones absent). */
    public static Map<String, byte[]> peek(Folder folder, Message message, List<String> sections, int max)
            throws MessagingException {
        if (sections.isEmpty()) {
            return Map.of();
        }
        int msgno = message.getMessageNumber();
        String items = sections.stream().map(s -> "BODY.PEEK[" + s + "]<0." + max + ">").collect(Collectors.joining(" "));
        Map<String, byte[]> out = new HashMap<>();
        for (FetchResponse f : fetch(folder, new MessageSet[] {new MessageSet(msgno, msgno)}, items)) {
            for (int i = 0; i < f.getItemCount(); i++) {
                if (f.getItem(i) instanceof BODY body && body.getSection() != null) {
                    out.put(body.getSection(), body.getByteArrayInputStream().readAllBytes());
                }
            }
        }
        return out;
    }

    /** Up to {@code max} bytes of {@code section} of each message, in one FETCH; message number to bytes. */
    public static Map<Integer, byte[]> peekEach(Folder folder, Message[] messages, String section, int max)
            throws MessagingException {
        int[] numbers = Arrays.stream(messages).mapToInt(Message::getMessageNumber).sorted().toArray();
        Map<Integer, byte[]> out = new HashMap<>();
        if (numbers.length == 0) {
            return out;
        }
        for (FetchResponse f : fetch(folder, MessageSet.createMessageSets(numbers), "BODY.PEEK[" + section + "]<0." + max + ">")) {
            BODY body = f.getItem(BODY.class);
            if (body != null) {
                out.put(f.getNumber(), body.getByteArrayInputStream().readAllBytes());
            }
        }
        return out;
    }

    /** Sends FETCH, lets the folder see every response (flags, expunges), and returns the FETCH responses. */
    private static List<FetchResponse> fetch(Folder folder, MessageSet[] sets, String items) throws MessagingException {
        Response[] responses = (Response[]) ((IMAPFolder) folder).doCommand(p -> {
            Response[] r = p.fetch(sets, items);
            p.notifyResponseHandlers(r);
            p.handleResult(r[r.length - 1]);
            return r;
        });
        return Arrays.stream(responses).filter(FetchResponse.class::isInstance).map(FetchResponse.class::cast).toList();
    }
}
