package org.facteur.mailserver.imap.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;

import org.apache.james.imap.message.response.FetchResponse.Envelope;
import org.apache.james.imap.message.response.FetchResponse.Envelope.Address;
import org.junit.jupiter.api.Test;

class EnvelopeCodecTest {
    private static Address address(String name, String route, String mailbox, String host) {
        return new Address() {
            public String getPersonalName() { return name; }
            public String getAtDomainList() { return route; }
            public String getMailboxName() { return mailbox; }
            public String getHostName() { return host; }
        };
    }

    private static Envelope envelope(String subject, Address[] from, Address[] to, Address[] bcc) {
        return new Envelope() {
            public String getDate() { return "Tue, 01 Dec 2026 10:00:00 +0100"; }
            public String getSubject() { return subject; }
            public Address[] getFrom() { return from; }
            public Address[] getSender() { return from; }
            public Address[] getReplyTo() { return from; }
            public Address[] getTo() { return to; }
            public Address[] getCc() { return null; }
            public Address[] getBcc() { return bcc; }
            public String getInReplyTo() { return null; }
            public String getMessageId() { return "<id@example.org>"; }
        };
    }

    @Test
    void everyTextAndAddressComesBackAsItWas() {
        Address[] from = {address("=?UTF-8?B?WsO2w6s=?=", null, "zoe", "example.org")};
        // A group: its start (name as mailbox, no host), a member with a source route, its end (all NIL).
        Address[] to = {address(null, null, "team", null), address("Réunion ✓ 日本", "@a.example,@b.example", "bob", "example.net"),
            address(null, null, null, null)};
        Envelope original = envelope("He said \"hi\" \\ there\r\n\t", from, to, new Address[0]);

        Envelope decoded = EnvelopeCodec.decode(EnvelopeCodec.encode(original));

        assertThat(EnvelopeCodec.same(original, decoded)).isTrue();
        assertThat(decoded.getSubject()).isEqualTo("He said \"hi\" \\ there\r\n\t");
        assertThat(decoded.getCc()).isNull();
        assertThat(decoded.getInReplyTo()).isNull();
        assertThat(decoded.getBcc()).isEmpty();
        assertThat(decoded.getTo()[1].getPersonalName()).isEqualTo("Réunion ✓ 日本");
        assertThat(decoded.getTo()[1].getAtDomainList()).isEqualTo("@a.example,@b.example");
        assertThat(decoded.getTo()[2].getMailboxName()).isNull();
        assertThat(decoded.getMessageId()).isEqualTo("<id@example.org>");
    }

    @Test
    void sameTellsApartEnvelopesThatDifferInAnyTextOrAddress() {
        Address[] from = {address("Zoë", null, "zoe", "example.org")};
        Envelope envelope = envelope("s", from, null, null);

        assertThat(EnvelopeCodec.same(envelope, envelope("s", from, null, null))).isTrue();
        assertThat(EnvelopeCodec.same(envelope, envelope("t", from, null, null))).isFalse();
        // Stricter than the encoder, which writes both as NIL: what is kept is what James built.
        assertThat(EnvelopeCodec.same(envelope, envelope("s", from, new Address[0], null))).isFalse();
        assertThat(EnvelopeCodec.same(envelope, envelope("s", new Address[] {address("Zoe", null, "zoe", "example.org")}, null, null)))
                .isFalse();
    }

    @Test
    void bytesThatAreNotAnEnvelopeAreRefused() {
        byte[] good = EnvelopeCodec.encode(envelope("s", null, null, null));

        assertThatThrownBy(() -> EnvelopeCodec.decode(new byte[] {9})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("version 9");
        assertThatThrownBy(() -> EnvelopeCodec.decode(Arrays.copyOf(good, good.length - 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EnvelopeCodec.decode(Arrays.copyOf(good, good.length + 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too many");
    }
}
