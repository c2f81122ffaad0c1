package org.facteur.mailserver.imap.sort;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.Header;
import org.apache.james.mailbox.model.MessageResult;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.facteur.mailserver.mime.BaseSubject;
import org.facteur.mailserver.mime.HeaderBytes;
import org.facteur.mailserver.mime.HeaderDates;

/** Reads what threading needs from a message's header (RFC 5256 §2 and §4). */
final class ThreadedMessages {
    private static final Pattern MSG_ID = Pattern.compile("<([^<>\\s]+)>");

    private ThreadedMessages() {
    }

    static ThreadedMessage read(MessageResult message, long id) throws MailboxException {
        String messageId = null;
        String references = null;
        String inReplyTo = null;
        String subject = null;
        String date = null;
        for (Iterator<Header> it = message.getHeaders().headers(); it.hasNext(); ) {
            Header h = it.next();
            String name = h.getName().toLowerCase(Locale.ROOT);
            String value = h.getValue();
            switch (name) {
                case "message-id" -> messageId = messageId == null ? value : messageId;
                case "references" -> references = references == null ? value : references;
                case "in-reply-to" -> inReplyTo = inReplyTo == null ? value : inReplyTo;
                case "subject" -> subject = subject == null ? value : subject;
                case "date" -> date = date == null ? value : date;
                default -> { }
            }
        }
        BaseSubject base = BaseSubject.of(subject == null ? "" : decode(subject));
        Instant sent = Optional.ofNullable(date).flatMap(HeaderDates::parse).map(ZonedDateTime::toInstant)
                .orElse(message.getInternalDate().toInstant());
        return new ThreadedMessage(id, message.getUid().asLong(), msgIds(messageId).stream().findFirst(),
                referencesOf(references, inReplyTo), base.threadKey(), base.replyOrForward(), sent);
    }

    /** References, or when it names no message, the first message In-Reply-To names (RFC 5256 §4, step 1A). */
    static List<String> referencesOf(String references, String inReplyTo) {
        List<String> ids = msgIds(references);
        if (ids.isEmpty()) {
            return msgIds(inReplyTo).stream().limit(1).toList();
        }
        return ids;
    }

    static List<String> msgIds(String value) {
        List<String> ids = new ArrayList<>();
        if (value != null) {
            Matcher m = MSG_ID.matcher(value);
            while (m.find()) {
                ids.add(m.group(1));
            }
        }
        return ids;
    }

    /** Unfolded, RFC 2047 words decoded, and raw UTF-8 (RFC 6532, which the store hands over a char per byte) read. */
    static String decode(String value) {
        String unfolded = value.replaceAll("\r?\n(?=[ \t])", "");
        return DecoderUtil.decodeEncodedWords(rawUtf8(unfolded), DecodeMonitor.SILENT);
    }

    private static String rawUtf8(String value) {
        if (value.chars().allMatch(c -> c < 0x80)) {
            return value;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(HeaderBytes.of(value))).toString();
        } catch (CharacterCodingException e) {
            return value;
        }
    }
}
