package org.facteur.mailserver.imap.envelope;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

import org.apache.james.imap.message.response.FetchResponse.Envelope;
import org.apache.james.imap.message.response.FetchResponse.Envelope.Address;

/**
 * A message's IMAP ENVELOPE (as James's {@code EnvelopeBuilder} makes it from the header section) in a few bytes, so
 * that it can be kept beside the message when it is stored and a FETCH ENVELOPE need not parse the header section and
 * its addresses again. Version byte, then each text as a flag and UTF-8 bytes, each address list as a count (-1 for
 * none) and four texts per address, in the order of {@link Envelope}'s getters. The version also stands for the
 * builder: should a James upgrade build envelopes differently, raise it, and the envelopes kept before count as none
 * (FETCH builds them as James does) until they are kept again.
 */
public final class EnvelopeCodec {
    private static final int VERSION = 1;

    private EnvelopeCodec() {
    }

    public static byte[] encode(Envelope envelope) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            text(out, envelope.getDate());
            text(out, envelope.getSubject());
            addresses(out, envelope.getFrom());
            addresses(out, envelope.getSender());
            addresses(out, envelope.getReplyTo());
            addresses(out, envelope.getTo());
            addresses(out, envelope.getCc());
            addresses(out, envelope.getBcc());
            text(out, envelope.getInReplyTo());
            text(out, envelope.getMessageId());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The envelope kept as {@code bytes}; an {@link IllegalArgumentException} when they are not one of ours. */
    public static Envelope decode(byte[] bytes) {
        // A ByteBuffer, not a DataInputStream: ByteArrayInputStream's reads are synchronized, one lock per byte of
        // every length, and this runs for every message of every FETCH ENVELOPE (a fifth of its CPU in JFR).
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            int version = in.get() & 0xff;
            if (version != VERSION) {
                throw new IllegalArgumentException("Unknown kept envelope version " + version);
            }
            Envelope envelope = new KeptEnvelope(text(in), text(in), addresses(in), addresses(in), addresses(in),
                    addresses(in), addresses(in), addresses(in), text(in), text(in));
            if (in.hasRemaining()) {
                throw new IllegalArgumentException("Kept envelope has " + in.remaining() + " bytes too many");
            }
            return envelope;
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("Truncated kept envelope", e);
        }
    }

    /** Whether two envelopes hold the same texts and addresses (a null list and an empty one count as different). */
    public static boolean same(Envelope a, Envelope b) {
        return Objects.equals(a.getDate(), b.getDate()) && Objects.equals(a.getSubject(), b.getSubject())
                && same(a.getFrom(), b.getFrom()) && same(a.getSender(), b.getSender())
                && same(a.getReplyTo(), b.getReplyTo()) && same(a.getTo(), b.getTo()) && same(a.getCc(), b.getCc())
                && same(a.getBcc(), b.getBcc()) && Objects.equals(a.getInReplyTo(), b.getInReplyTo())
                && Objects.equals(a.getMessageId(), b.getMessageId());
    }

    private static boolean same(Address[] a, Address[] b) {
        if (a == null || b == null) {
            return a == b;
        }
        return Arrays.equals(a, b, (x, y) -> Objects.equals(x.getPersonalName(), y.getPersonalName())
                && Objects.equals(x.getAtDomainList(), y.getAtDomainList())
                && Objects.equals(x.getMailboxName(), y.getMailboxName())
                && Objects.equals(x.getHostName(), y.getHostName()) ? 0 : 1);
    }

    private static void text(DataOutputStream out, String text) throws IOException {
        if (text == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String text(ByteBuffer in) {
        int length = in.getInt();
        if (length < -1 || length > in.remaining()) {
            throw new IllegalArgumentException("Bad text length " + length + " in a kept envelope");
        }
        if (length == -1) {
            return null;
        }
        String text = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return text;
    }

    private static void addresses(DataOutputStream out, Address[] addresses) throws IOException {
        if (addresses == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(addresses.length);
        for (Address address : addresses) {
            text(out, address.getPersonalName());
            text(out, address.getAtDomainList());
            text(out, address.getMailboxName());
            text(out, address.getHostName());
        }
    }

    private static Address[] addresses(ByteBuffer in) {
        int count = in.getInt();
        if (count < -1 || count > in.remaining()) {
            throw new IllegalArgumentException("Bad address count " + count + " in a kept envelope");
        }
        if (count == -1) {
            return null;
        }
        Address[] addresses = new Address[count];
        for (int i = 0; i < count; i++) {
            addresses[i] = new KeptAddress(text(in), text(in), text(in), text(in));
        }
        return addresses;
    }

    private record KeptAddress(String getPersonalName, String getAtDomainList, String getMailboxName,
                               String getHostName) implements Address {
    }

    private record KeptEnvelope(String getDate, String getSubject, Address[] getFrom, Address[] getSender,
                                Address[] getReplyTo, Address[] getTo, Address[] getCc, Address[] getBcc,
                                String getInReplyTo, String getMessageId) implements Envelope {
    }
}
