package org.facteur.webmail.mail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Messages whose headers no strict parser accepts, one case each, as raw bytes (CRLF). Each carries a
 * marker in its Subject ({@code hostile-NN}) and its body ({@code body of hostile-NN}) so a page can be
 * checked to list and show it, and the same References, so that every one of them appears in the
 * conversation of the others.
 */
final class HostileHeaders {
    static final String THREAD = "<thread-root@hostile.test>";

    /**
     * One hostile message: its marker, what it tries, its bytes, a text its page must show (or null), and
     * whether the server's search index takes it (James 3.8.1's indexer throws on some broken part headers).
     */
    record Case(String marker, String what, byte[] raw, String shown, boolean searchable) {
        Case(String marker, String what, byte[] raw, String shown) {
            this(marker, what, raw, shown, true);
        }

        @Override
        public String toString() {
            return marker + " (" + what + ")";
        }
    }

    private HostileHeaders() {
    }

    static List<Case> all() {
        List<Case> cases = new ArrayList<>();
        add(cases, "route-like From", "From: <a:b@evil.test>\r\n", "a:b@evil.test");
        add(cases, "route-like Reply-To", "From: bob@example.org\r\nReply-To: <a:b@evil.test>\r\n", "bob@example.org");
        add(cases, "route-like To and Cc", "From: bob@example.org\r\nTo: <a:b@evil.test>\r\nCc: <c:d@evil.test>, <<>>\r\n",
                "c:d@evil.test");
        add(cases, "route-like Sender", "From: bob@example.org\r\nSender: <a:b@evil.test>\r\n", "bob@example.org");
        add(cases, "group syntax", "From: Friends: alice@example.org, bob@example.org;\r\nTo: undisclosed-recipients:;\r\n"
                + "Cc: Team: ;, carol@example.org\r\n", "bob@example.org");
        add(cases, "unterminated quote and angle", "From: \"Unterminated <bob@example.org\r\nReply-To: bob@@example.org (open\r\n",
                "Unterminated");
        add(cases, "empty and bare punctuation", "From: <>\r\nReply-To: @\r\nTo: ,,,\r\nCc: <<>>, \"\"\r\n", null);
        add(cases, "invalid encoded words in Subject", "From: bob@example.org\r\nSubject+: =?utf-8?B?####?= "
                + "=?x-no-such-charset?Q?abc?= =?utf-8?X?abc?= =?utf-8?Q?unterminated\r\n", "unterminated");
        add(cases, "encoded word hiding an address", "From: =?utf-8?b?Ym9iQGV4YW1wbGUub3JnIDxldmlsQGV2aWwudGVzdD4=?= "
                + "<x@evil.test>\r\nReply-To: =?utf-8?Q?=00=0D=0ABcc:_victim@example.org?= <y@evil.test>\r\n", "x@evil.test");
        add(cases, "encoded word with an unknown charset in From", "From: =?x-klingon?Q?Kor?= <kor@evil.test>\r\n",
                "kor@evil.test");
        add(cases, "invalid Date", "From: bob@example.org\r\nDate: not a date at all\r\n", "bob@example.org");
        add(cases, "impossible Date", "From: bob@example.org\r\nDate: Mon, 99 Foo 99999 99:99:99 +9999\r\n", "bob@example.org");
        add(cases, "Content-Type without a value", "From: bob@example.org\r\nContent-Type: ;;;\r\n", "body of");
        add(cases, "empty charset", "From: bob@example.org\r\nContent-Type: text/plain; charset=\r\n", "body of");
        add(cases, "unknown charset", "From: bob@example.org\r\nContent-Type: text/plain; charset=x-no-such-charset\r\n", "body of");
        add(cases, "multipart without boundary", "From: bob@example.org\r\nContent-Type: multipart/mixed\r\n", "body of");
        add(cases, "boundary never found", "From: bob@example.org\r\nContent-Type: multipart/mixed; boundary=\"never\"\r\n",
                "body of");
        add(cases, "unterminated Content-Type parameter",
                "From: bob@example.org\r\nContent-Type: text/plain; charset=\"utf-8; format=\r\n", "body of");
        add(cases, "unknown transfer encoding", "From: bob@example.org\r\nContent-Transfer-Encoding: x-bogus\r\n", "body of");
        add(cases, "huge Subject", "From: bob@example.org\r\nSubject+: " + "long ".repeat(40_000) + "\r\n", "bob@example.org");
        // the page shows the first Addresses.MAX_ADDRESSES (1,000) of them
        add(cases, "huge To", "From: bob@example.org\r\nTo: " + addresses(5_000) + "\r\n", "person999@example.org");
        add(cases, "huge In-Reply-To", "From: bob@example.org\r\nIn-Reply-To: " + ids(20_000) + "\r\n", "bob@example.org");
        cases.add(new Case(marker(cases), "NUL and control characters", message(cases.size() + 1,
                "From: bob\u0000@example.org\r\nReply-To: \u0007\u001b[31m <a\u0000b@evil.test>\r\nSubject+: nul\u0000bell\u0007\r\n",
                StandardCharsets.ISO_8859_1), null));
        cases.add(new Case(marker(cases), "8-bit UTF-8 headers", message(cases.size() + 1,
                "From: Amélie Ça <amelie@example.org>\r\nSubject+: Réunion à 19 h\r\n", StandardCharsets.UTF_8), "Amélie"));
        cases.add(new Case(marker(cases), "8-bit Latin-1 headers", message(cases.size() + 1,
                "From: Andr\u00e9 <andre@example.org>\r\nSubject+: caf\u00e9\r\n", StandardCharsets.ISO_8859_1), "André"));
        add(cases, "no From, no Date", "", null);
        add(cases, "two From headers", "From: bob@example.org\r\nFrom: <a:b@evil.test>\r\n", "bob@example.org");
        // mime4j in James throws on the %-escape: BODYSTRUCTURE fails (the webmail parses the message itself)
        // and the search index never takes the message
        String m = marker(cases);
        cases.add(new Case(m, "broken attachment name", bytes(m, "From: bob@example.org\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b\"\r\n", "--b\r\nContent-Type: text/plain\r\n\r\nbody of " + m
                + "\r\n--b\r\nContent-Type: application/pdf; name=\"=?utf-8?B?####\r\nContent-Disposition: attachment; "
                + "filename*=utf-8''caf%C3%A; filename=\"\r\n\r\nJVBERi0=\r\n--b--\r\n", StandardCharsets.US_ASCII),
                "body of", false));
        return cases;
    }

    private static String addresses(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ",\r\n ").append("Person ").append(i).append(" <person").append(i).append("@example.org>");
        }
        return b.toString();
    }

    private static String ids(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : "\r\n ").append("<id").append(i).append("@hostile.test>");
        }
        return b.toString();
    }

    private static String marker(List<Case> cases) {
        return String.format("hostile-%02d", cases.size() + 1);
    }

    private static void add(List<Case> cases, String what, String headers, String shown) {
        cases.add(new Case(marker(cases), what, message(cases.size() + 1, headers, StandardCharsets.US_ASCII), shown));
    }

    /**
     * The headers as given; "Subject+:" puts the marker in front of the rest of that Subject. Without a
     * "Subject+:" the Subject is the plain marker.
     */
    private static byte[] message(int n, String headers, java.nio.charset.Charset charset) {
        String m = String.format("hostile-%02d", n);
        return bytes(m, headers, "body of " + m + "\r\n", charset);
    }

    private static byte[] bytes(String marker, String headers, String body, java.nio.charset.Charset charset) {
        String h = headers.contains("Subject+: ") ? headers.replace("Subject+: ", "Subject: " + marker + " ")
                : headers + "Subject: " + marker + "\r\n";
        // first, so that a huge header after them (cut at the webmail's bound) leaves them readable
        h = "Message-ID: <" + marker + "@hostile.test>\r\nReferences: " + THREAD + "\r\n" + h;
        if (!h.contains("Content-Type:")) {
            h += "Content-Type: text/plain; charset=utf-8\r\n";
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(h.getBytes(charset));
        out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(body.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
