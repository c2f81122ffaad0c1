package org.facteur.mailserver.search;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A mailbox of varied messages for the search tests: plain text, quoted-printable and base64 bodies in UTF-8 and
 * Latin-1, RFC 2047 encoded words, raw UTF-8 headers, HTML only, multipart/alternative, attachments (one of them
 * text), an attached message, folded headers, display names in every form, dates in several zones, and fillers.
 */
final class SearchCorpus {
    /** One message to APPEND: its bytes, its APPEND flags and its internal date. */
    record Item(byte[] bytes, List<String> flags, ZonedDateTime internalDate) {
    }

    private SearchCorpus() {
    }

    static List<Item> items() {
        List<Item> items = new ArrayList<>();
        items.add(item("""
                From: RealFrom <user-from@domain.org>
                To: Bob Member <bob@example.org>
                Cc: carol@example.net
                Subject: Beautiful world
                Date: Mon, 1 Jan 2024 23:30:00 -0500
                Message-ID: <m1@example.org>

                asdfghjkl is a word, zebrafish too.
                Line two says hello
                world across the line break.
                """, List.of("\\Seen"), at(2024, 1, 2, 10)));
        items.add(item("""
                From: =?ISO-8859-1?Q?Andr=E9?= <andre@example.be>
                To: bob@example.org
                Subject: =?UTF-8?Q?R=C3=A9union_des_b=C3=A9n=C3=A9voles?=
                Date: Tue, 2 Jan 2024 08:00:00 +0100
                MIME-Version: 1.0
                Content-Type: text/plain; charset=utf-8
                Content-Transfer-Encoding: quoted-printable

                Caf=C3=A9 cr=C3=A8me for everyone at the r=C3=A9union.
                """, List.of("\\Flagged"), at(2024, 1, 2, 12)));
        String latin1Body = Base64.getMimeEncoder().encodeToString(
                "Ordre du jour: budget, élections, café.\r\n".getBytes(StandardCharsets.ISO_8859_1));
        items.add(item("""
                From: Zoé Dupré <zoe@example.be>
                To: bureau@example.org
                Subject: Élections du comité
                MIME-Version: 1.0
                Content-Type: text/plain; charset=iso-8859-1
                Content-Transfer-Encoding: base64

                """ + latin1Body + "\n", List.of(), at(2024, 1, 3, 9)));
        items.add(item("""
                From: newsletter@example.com
                To: bob@example.org
                Subject: HTML only
                Date: Wed, 3 Jan 2024 14:00:00 +0000
                MIME-Version: 1.0
                Content-Type: text/html; charset=utf-8

                <html><head><title>Ignored title</title><style>.x{color:red}</style></head><body><p>Hello <b>bold</b> world</p><div>Second&nbsp;line &amp; more</div></body></html>
                """, List.of("\\Answered", "\\Seen"), at(2024, 1, 3, 15)));
        String pdf = Base64.getMimeEncoder().encodeToString(new byte[] {0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x34, 0x0a, 0x01, 0x02});
        items.add(item("""
                From: "Treasurer" <treasurer@example.org>
                To: members@example.org
                Subject: Annual report
                Date: Thu, 4 Jan 2024 10:00:00 +0200
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="b1"

                --b1
                Content-Type: text/plain; charset=us-ascii

                Please find the report attached.
                --b1
                Content-Type: application/pdf; name="=?UTF-8?Q?rapport_annuel.pdf?="
                Content-Disposition: attachment; filename="=?UTF-8?Q?rapport_annuel.pdf?="
                Content-Transfer-Encoding: base64

                """ + pdf + """

                --b1
                Content-Type: text/plain; charset=utf-8; name="notes.txt"
                Content-Disposition: attachment; filename="notes.txt"

                attached note about kangaroos
                --b1--
                """, List.of("$Label1"), at(2024, 1, 4, 11)));
        items.add(item("""
                From: forwarder@example.org
                To: bob@example.org
                Subject: Fwd: a story
                Date: Fri, 5 Jan 2024 09:00:00 +0000
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="b2"

                --b2
                Content-Type: text/plain

                See below.
                --b2
                Content-Type: message/rfc822

                From: inner@example.net
                Subject: Inner subject tortoise
                Date: Thu, 4 Jan 2024 09:00:00 +0000

                inner body platypus
                --b2--
                """, List.of("\\Draft"), at(2024, 1, 5, 9)));
        items.add(item("""
                From: folder@example.org
                To: bob@example.org
                Subject: A very long subject that is
                 folded across lines
                Date: Sat, 6 Jan 2024 09:00:00 +0000
                X-Custom: Custom value with Needle inside

                short
                """, List.of("\\Seen", "\\Flagged"), at(2024, 1, 6, 9)));
        items.add(item("""
                From: "ser-fro Quoted" <other@domain.org>
                To: bob@example.org
                Bcc: hidden-reader@example.net
                Subject: Re: [list] Bonjour
                Date: Sun, 7 Jan 2024 09:00:00 +0000
                MIME-Version: 1.0
                Content-Type: multipart/alternative; boundary="b3"

                --b3
                Content-Type: text/plain; charset=utf-8

                duplicate text in plain
                --b3
                Content-Type: text/html; charset=utf-8

                <p>duplicate text in <i>html</i></p>
                --b3--
                """, List.of("$Label2"), at(2024, 1, 7, 9)));
        String[] words = {"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"};
        for (int i = 0; i < 14; i++) {
            StringBuilder body = new StringBuilder();
            for (int k = 0; k <= i * 7; k++) {
                body.append(words[(i + k) % words.length]).append(k % 9 == 8 ? "\n" : " ");
            }
            List<String> flags = switch (i % 4) {
                case 0 -> List.of("\\Seen");
                case 1 -> List.of("\\Deleted");
                case 2 -> List.of("\\Seen", "$Label1");
                default -> List.of();
            };
            items.add(item("From: Filler " + i + " <filler" + i + "@example.org>\n"
                    + "To: bob@example.org\n"
                    + "Subject: Filler " + i + " " + words[i % words.length] + "\n"
                    + "Date: " + String.format("%s, %d Jan 2024 12:00:00 +0000", day(8 + i), 8 + i) + "\n\n"
                    + body + "\n", flags, at(2024, 1, 8 + i, 12)));
        }
        return items;
    }

    private static String day(int dayOfJanuary2024) {
        return ZonedDateTime.of(2024, 1, dayOfJanuary2024, 0, 0, 0, 0, ZoneOffset.UTC).getDayOfWeek()
                .getDisplayName(java.time.format.TextStyle.SHORT, java.util.Locale.ENGLISH);
    }

    private static ZonedDateTime at(int year, int month, int day, int hour) {
        return ZonedDateTime.of(year, month, day, hour, 0, 0, 0, ZoneOffset.UTC);
    }

    private static Item item(String text, List<String> flags, ZonedDateTime internalDate) {
        return new Item(text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8), flags, internalDate);
    }
}
