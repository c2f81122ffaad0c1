package org.facteur.mailserver.queue;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;
import javax.mail.util.SharedByteArrayInputStream;

import org.apache.james.core.MailAddress;
import org.apache.james.server.core.MailImpl;
import org.apache.james.server.core.MimeMessageSource;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.PerRecipientHeaders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The bytes of one queued mail in {@link FileMailQueue}: a magic line, the envelope as JSON behind its length (name,
 * state, sender, recipients, error message, remote host and address, last update, attributes as James writes them in
 * JSON, headers for single recipients, when the mail is due and its priority), then the MIME message as received,
 * then a trailer: the message's length and CRC-32C and an end mark. A file whose
 * trailer does not match its message (cut short, damaged on disk, a partial copy) is not a queued mail: it is set
 * aside, never delivered in part. Files of version 1 (no trailer; release of 2026-12-06) are still read. Attributes
 * without a JSON form are left out, as James's JMS queue leaves them out.
 */
final class QueuedMailFormat {
    private static final byte[] MAGIC = "FACTEUR-QUEUED-MAIL 2\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MAGIC_VERSION_1 = "FACTEUR-QUEUED-MAIL 1\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\nEND-OF-QUEUED-MAIL\n".getBytes(StandardCharsets.US_ASCII);
    /** Message length (8 bytes), CRC-32C of the message (4 bytes), {@link #END}. */
    private static final int TRAILER_LENGTH = 8 + 4 + END.length;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LONGEST_ENVELOPE = 64 * 1024 * 1024;

    /** The bytes are not a queued mail of this format (as opposed to an I/O error while reading them). */
    static final class NotAQueuedMail extends IOException {
        NotAQueuedMail(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** What the queue keeps in memory of a queued mail: enough to order it and to remove it by sender or recipient. */
    record Envelope(String name, String sender, List<String> recipients, long dueMillis, int priority) {
    }

    private QueuedMailFormat() {
    }

    static void write(Mail mail, long dueMillis, int priority, OutputStream out) throws IOException, MessagingException {
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("name", mail.getName());
        envelope.put("state", mail.getState());
        envelope.put("sender", mail.getMaybeSender().asOptional().map(MailAddress::asString).orElse(null));
        ArrayNode recipients = envelope.putArray("recipients");
        mail.getRecipients().forEach(r -> recipients.add(r.asString()));
        envelope.put("errorMessage", mail.getErrorMessage());
        envelope.put("remoteHost", mail.getRemoteHost());
        envelope.put("remoteAddr", mail.getRemoteAddr());
        if (mail.getLastUpdated() != null) {
            envelope.put("lastUpdated", mail.getLastUpdated().getTime());
        }
        ObjectNode attributes = envelope.putObject("attributes");
        mail.attributes().forEach(a -> a.getValue().toJson().ifPresent(json -> attributes.set(a.getName().asString(), json)));
        ObjectNode headers = envelope.putObject("perRecipientHeaders");
        PerRecipientHeaders specific = mail.getPerRecipientSpecificHeaders();
        for (MailAddress recipient : specific.getRecipientsWithSpecificHeaders()) {
            ArrayNode list = headers.putArray(recipient.asString());
            for (PerRecipientHeaders.Header h : specific.getHeadersForRecipient(recipient)) {
                list.addObject().put("name", h.getName()).put("value", h.getValue());
            }
        }
        envelope.put("due", dueMillis);
        envelope.put("priority", priority);
        byte[] json = JSON.writeValueAsBytes(envelope);
        if (json.length > LONGEST_ENVELOPE) {
            throw new IOException("envelope of " + json.length + " bytes, more than " + LONGEST_ENVELOPE);
        }
        DataOutputStream data = new DataOutputStream(out);
        data.write(MAGIC);
        data.writeInt(json.length);
        data.write(json);
        data.flush();
        CountingChecksum body = new CountingChecksum(out);
        MimeMessage message = mail.getMessage();
        if (message != null) {
            message.writeTo(body);
        }
        data.writeLong(body.count);
        data.writeInt((int) body.crc.getValue());
        data.write(END);
        data.flush();
    }

    /** Passes the message's bytes on, counting them and computing their CRC-32C. */
    private static final class CountingChecksum extends java.io.FilterOutputStream {
        final java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        long count;

        CountingChecksum(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            crc.update(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            crc.update(b, off, len);
            count += len;
        }
    }

    /**
     * The same queued mail in another state (the processor the spool hands it to), due at {@code dueMillis}: the
     * envelope rewritten, the magic line, the message and its trailer copied as they are (so a damaged message stays
     * detectable).
     */
    static byte[] withStateAndDue(byte[] file, String state, long dueMillis) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(file));
        version(in);
        ObjectNode envelope = (ObjectNode) json(in);
        int rest = file.length - in.available();
        envelope.put("state", state);
        envelope.put("due", dueMillis);
        byte[] json = JSON.writeValueAsBytes(envelope);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(file.length + 32);
        DataOutputStream data = new DataOutputStream(out);
        data.write(file, 0, MAGIC.length);
        data.writeInt(json.length);
        data.write(json);
        data.write(file, rest, file.length - rest);
        data.flush();
        return out.toByteArray();
    }

    /** Reads the envelope only (at start-up, to rebuild the queue's order without reading messages). */
    static Envelope readEnvelope(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        version(data);
        return envelope(json(data));
    }

    /** The whole mail; its message is {@code bytes} from {@code offset} on, kept in memory as James's JMS queue keeps it. */
    static Mail read(byte[] bytes, String sourceId) throws IOException, MessagingException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        boolean withTrailer = version(in) >= 2;
        JsonNode envelope = json(in);
        int offset = bytes.length - in.available();
        int end = withTrailer ? checkTrailer(bytes, offset) : bytes.length;
        MailImpl mail = MailImpl.builder().name(envelope.path("name").asText()).build();
        mail.setState(text(envelope, "state"));
        String sender = text(envelope, "sender");
        mail.setSender(sender == null ? null : new MailAddress(sender));
        List<MailAddress> recipients = new ArrayList<>();
        for (JsonNode r : envelope.path("recipients")) {
            recipients.add(new MailAddress(r.asText()));
        }
        mail.setRecipients(recipients);
        mail.setErrorMessage(text(envelope, "errorMessage"));
        mail.setRemoteHost(text(envelope, "remoteHost"));
        mail.setRemoteAddr(text(envelope, "remoteAddr"));
        if (envelope.hasNonNull("lastUpdated")) {
            mail.setLastUpdated(new Date(envelope.get("lastUpdated").asLong()));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = envelope.path("attributes").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> a = it.next();
            mail.setAttribute(new Attribute(AttributeName.of(a.getKey()), AttributeValue.fromJson(a.getValue())));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = envelope.path("perRecipientHeaders").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> r = it.next();
            MailAddress recipient = new MailAddress(r.getKey());
            for (JsonNode h : r.getValue()) {
                mail.addSpecificHeaderForRecipient(PerRecipientHeaders.Header.builder()
                        .name(h.path("name").asText()).value(h.path("value").asText()).build(), recipient);
            }
        }
        if (offset < end) {
            mail.setMessageContent(new Bytes(sourceId, bytes, offset, end));
        }
        return mail;
    }

    /** Where the message ends: before a trailer that matches it; else the file is not (or no longer) a queued mail. */
    private static int checkTrailer(byte[] bytes, int offset) throws NotAQueuedMail {
        int end = bytes.length - TRAILER_LENGTH;
        if (end < offset || !java.util.Arrays.equals(bytes, bytes.length - END.length, bytes.length, END, 0, END.length)) {
            throw new NotAQueuedMail("cut short or damaged: no end mark after the message", null);
        }
        java.nio.ByteBuffer trailer = java.nio.ByteBuffer.wrap(bytes, end, 12);
        long length = trailer.getLong();
        int crc = trailer.getInt();
        if (length != end - offset) {
            throw new NotAQueuedMail("cut short or damaged: a message of " + (end - offset) + " bytes where "
                    + length + " were written", null);
        }
        java.util.zip.CRC32C actual = new java.util.zip.CRC32C();
        actual.update(bytes, offset, end - offset);
        if ((int) actual.getValue() != crc) {
            throw new NotAQueuedMail("damaged: the message's checksum differs from the one written", null);
        }
        return end;
    }

    /** Reads the magic line: the format's version (1 or 2). */
    private static int version(DataInputStream in) throws IOException {
        try {
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (java.util.Arrays.equals(magic, MAGIC)) {
                return 2;
            }
            if (java.util.Arrays.equals(magic, MAGIC_VERSION_1)) {
                return 1;
            }
            throw new NotAQueuedMail("not a queued mail of a known version", null);
        } catch (java.io.EOFException e) {
            throw new NotAQueuedMail("truncated or not a queued mail: " + e.getMessage(), e);
        }
    }

    private static JsonNode json(DataInputStream in) throws IOException {
        try {
            int length = in.readInt();
            if (length < 2 || length > LONGEST_ENVELOPE) {
                throw new NotAQueuedMail("envelope length out of range: " + length, null);
            }
            byte[] json = new byte[length];
            in.readFully(json);
            JsonNode envelope = JSON.readTree(json);
            if (envelope == null || !envelope.isObject()) {
                throw new NotAQueuedMail("the envelope is not a JSON object", null);
            }
            return envelope;
        } catch (java.io.EOFException | com.fasterxml.jackson.core.JacksonException e) {
            throw new NotAQueuedMail("truncated or not a queued mail: " + e.getMessage(), e);
        }
    }

    private static Envelope envelope(JsonNode json) {
        List<String> recipients = new ArrayList<>();
        json.path("recipients").forEach(r -> recipients.add(r.asText()));
        return new Envelope(json.path("name").asText(), text(json, "sender"), List.copyOf(recipients),
                json.path("due").asLong(), json.path("priority").asInt(FileMailQueue.NORMAL_PRIORITY));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** The message's bytes, shared by every stream James opens on them. */
    private record Bytes(String sourceId, byte[] bytes, int offset, int end) implements MimeMessageSource {
        @Override
        public String getSourceId() {
            return sourceId;
        }

        @Override
        public InputStream getInputStream() {
            return new SharedByteArrayInputStream(bytes, offset, end - offset);
        }

        @Override
        public long getMessageSize() {
            return end - offset;
        }
    }
}
