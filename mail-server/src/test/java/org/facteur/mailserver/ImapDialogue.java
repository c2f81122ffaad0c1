package org.facteur.mailserver;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

/**
 * A raw IMAP client over STARTTLS from a chosen loopback address (so that one test can be several client
 * IPs), for tests that need the exact tagged reply.
 */
public final class ImapDialogue implements AutoCloseable {
    private Socket socket;
    private BufferedReader in;
    private OutputStream out;
    private java.nio.charset.Charset answers = StandardCharsets.UTF_8;
    private int tags;

    public ImapDialogue(int port, String clientAddress) throws Exception {
        this(port, clientAddress, java.time.Duration.ofSeconds(30));
    }

    /** {@code readTimeout} bounds the wait for each line of an answer. */
    public ImapDialogue(int port, String clientAddress, java.time.Duration readTimeout) throws Exception {
        this(port, clientAddress, readTimeout, new byte[0]);
    }

    /** Sends {@code firstBytes} (a PROXY protocol header) as soon as connected, then goes on as usual. */
    public ImapDialogue(int port, String clientAddress, byte[] firstBytes) throws Exception {
        this(port, clientAddress, java.time.Duration.ofSeconds(30), firstBytes);
    }

    /** A dialogue on {@code socket} (clear text or implicit TLS), the greeting read. */
    private ImapDialogue(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(30_000);
        streams();
        in.readLine(); // greeting
    }

    /**
     * A STARTTLS dialogue from 127.0.0.1 whose answers are read as ISO-8859-1, one char per byte, so that a test can
     * compare binary content (NUL, 0xFF) byte for byte. The reader is replaced right after STARTTLS, when the server
     * has nothing more to say.
     */
    public static ImapDialogue readingBytes(int port) throws Exception {
        ImapDialogue dialogue = new ImapDialogue(port, "127.0.0.1");
        dialogue.answers = StandardCharsets.ISO_8859_1;
        dialogue.streams();
        return dialogue;
    }

    /** A dialogue that stays in clear text: no STARTTLS. */
    public static ImapDialogue inClearText(int port) throws IOException {
        return new ImapDialogue(new Socket("127.0.0.1", port));
    }

    /** A dialogue over implicit TLS (IMAPS, RFC 8314). */
    public static ImapDialogue overImplicitTls(int imapsPort) throws Exception {
        SSLSocket secured = (SSLSocket) trustingAll().getSocketFactory().createSocket("127.0.0.1", imapsPort);
        secured.startHandshake();
        return new ImapDialogue(secured);
    }

    private static SSLContext trustingAll() throws Exception {
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] {new SmtpDialogue.TrustAll()}, null);
        return tls;
    }

    private ImapDialogue(int port, String clientAddress, java.time.Duration readTimeout, byte[] firstBytes) throws Exception {
        socket = new Socket(InetAddress.getByName("127.0.0.1"), port, InetAddress.getByName(clientAddress), 0);
        socket.setSoTimeout((int) readTimeout.toMillis());
        streams();
        if (firstBytes.length > 0) {
            out.write(firstBytes);
            out.flush();
        }
        in.readLine(); // greeting
        if (!command("STARTTLS").contains(" OK")) {
            throw new IOException("STARTTLS refused");
        }
        SSLSocket secured = (SSLSocket) trustingAll().getSocketFactory().createSocket(socket, "127.0.0.1", socket.getPort(), true);
        secured.startHandshake();
        socket = secured;
        streams();
    }

    private void streams() throws IOException {
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), answers));
        out = socket.getOutputStream();
    }

    /** Sends one command under a fresh tag; returns every line up to the tagged reply (or what came before a close). */
    public String command(String command) throws IOException {
        return pipelined(command);
    }

    /**
     * Sends {@code before}, then {@code literal} as a synchronizing literal, then {@code after}, under one fresh tag
     * (e.g. a SEARCH key in UTF-8); returns every line up to the tagged reply, as {@link #command} does.
     */
    public String commandWithLiteral(String before, byte[] literal, String after) throws IOException {
        String tag = "c" + (++tags);
        out.write((tag + " " + before + "{" + literal.length + "}\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        String go = in.readLine();
        if (go == null || !go.startsWith("+")) {
            return go;
        }
        out.write(literal);
        out.write((after + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        StringBuilder reply = new StringBuilder();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            reply.append(line).append('\n');
            if (line.startsWith(tag + " ")) {
                return reply.toString();
            }
        }
        return reply.append("(closed)").toString();
    }

    /**
     * Sends one command under a fresh tag with several synchronizing literals, as a careful client does (RFC 3501
     * §4.3): {@code parts[0]}, then for each literal its announcement at the line's end, a wait for the server's
     * {@code +}, the literal's bytes and the next part; {@code parts} has one more element than {@code literals}.
     * Returns every line up to the tagged reply (continuations included), or, when the server did not ask for a
     * literal within the read timeout, a line saying which.
     */
    public String commandWithLiterals(List<String> parts, List<byte[]> literals) throws IOException {
        String tag = "c" + (++tags);
        StringBuilder reply = new StringBuilder();
        out.write((tag + " " + parts.get(0)).getBytes(StandardCharsets.UTF_8));
        for (int k = 0; k < literals.size(); k++) {
            out.write(("{" + literals.get(k).length + "}\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            String go;
            try {
                go = in.readLine();
            } catch (java.net.SocketTimeoutException e) {
                return reply.append("(no continuation for literal ").append(k + 1).append(")").toString();
            }
            reply.append(go).append('\n');
            if (go == null || !go.startsWith("+")) {
                return reply.toString();
            }
            out.write(literals.get(k));
            out.write(parts.get(k + 1).getBytes(StandardCharsets.UTF_8));
        }
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return reply.append(readUntil(tag + " ")).toString();
    }

    /**
     * Sends the commands under fresh tags in one write, as a pipelining client does (RFC 3501 §5.5), and returns
     * every line up to the last one's tagged reply (or what came before a close).
     */
    public String pipelined(String... commands) throws IOException {
        StringBuilder burst = new StringBuilder();
        String tag = null;
        for (String command : commands) {
            tag = "c" + (++tags);
            burst.append(tag).append(' ').append(command).append("\r\n");
        }
        write(burst.toString());
        return readUntil(tag + " ");
    }

    /**
     * Sends one command under a fresh tag and returns the reply as {@link #command} does, except that each literal
     * ({@code {n}} at a line's end) is kept exactly as sent, CRLFs included (the n chars are the n bytes for ASCII).
     */
    public String commandKeepingLiterals(String command) throws IOException {
        String tag = "c" + (++tags);
        write(tag + " " + command + "\r\n");
        StringBuilder reply = new StringBuilder();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            reply.append(line);
            java.util.regex.Matcher literal = java.util.regex.Pattern.compile("\\{(\\d+)}$").matcher(line);
            if (literal.find()) {
                char[] content = new char[Integer.parseInt(literal.group(1))];
                for (int read = 0; read < content.length; ) {
                    int n = in.read(content, read, content.length - read);
                    if (n < 0) {
                        return reply.append("(closed)").toString();
                    }
                    read += n;
                }
                reply.append('\n').append(content);
                continue; // the rest of the line after the literal
            }
            reply.append('\n');
            if (line.startsWith(tag + " ")) {
                return reply.toString();
            }
        }
        return reply.append("(closed)").toString();
    }

    /** Writes raw bytes (several commands, literals and all) without reading. */
    public void write(String raw) throws IOException {
        out.write(raw.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Writes raw bytes (binary literals and all) without reading. */
    public void write(byte[] raw) throws IOException {
        out.write(raw);
        out.flush();
    }

    /** The tag the next command sent through this dialogue will carry; for raw writes that must fit in. */
    public String nextTag() {
        return "c" + (++tags);
    }

    /** Reads lines until one starts with {@code prefix}; returns them all (or what came before a close). */
    public String readUntil(String prefix) throws IOException {
        StringBuilder reply = new StringBuilder();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            reply.append(line).append('\n');
            if (line.startsWith(prefix)) {
                return reply.toString();
            }
        }
        return reply.append("(closed)").toString();
    }

    /** Sends {@code line} as it is (no tag) and returns what the server answers until it closes the connection. */
    public String untilClosed(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        StringBuilder reply = new StringBuilder();
        for (String l = in.readLine(); l != null; l = in.readLine()) {
            reply.append(l).append('\n');
        }
        return reply.toString();
    }

    /** APPEND with a synchronizing literal; returns every line up to the tagged reply (or the refusal of the literal). */
    public String append(String mailbox, byte[] message) throws IOException {
        return append(mailbox, "", message);
    }

    /** The tagged line of a LOGIN, without its tag: "OK ...", "NO [AUTHENTICATIONFAILED] ...". */
    /** SELECTs {@code mailbox} until it holds {@code count} messages (delivery is asynchronous); returns the last answer. */
    public String selectWhenItHolds(String mailbox, int count) throws IOException, InterruptedException {
        String select = "";
        for (int i = 0; i < 100 && !select.contains("* " + count + " EXISTS"); i++) {
            Thread.sleep(100);
            select = command("SELECT " + mailbox);
        }
        return select;
    }

    /**
     * Adds {@code user} (and its domain) to the running {@code server}, then returns a STARTTLS session logged in as
     * that user; fails when the login does not answer OK.
     */
    public static ImapDialogue asNewUser(FacteurMailServer server, MailServerSettings settings, String user,
                                         String password) throws Exception {
        server.admin().addDomain(user.substring(user.indexOf('@') + 1));
        server.admin().addUser(user, password);
        ImapDialogue imap = new ImapDialogue(settings.ports().imap(), "127.0.0.1");
        String login = imap.login(user, password);
        if (!login.startsWith("OK")) {
            imap.close();
            throw new IllegalStateException("LOGIN of " + user + " answered " + login);
        }
        return imap;
    }

    public String login(String user, String password) throws IOException {
        return lastLineWithoutTag(command("LOGIN \"" + user + "\" \"" + password + "\""));
    }

    /** The last line of {@code reply} (the tagged one, or "(closed)"), without its tag. */
    public static String lastLineWithoutTag(String reply) {
        String last = reply.strip().lines().reduce((a, b) -> b).orElse("");
        return last.startsWith("c") ? last.substring(last.indexOf(' ') + 1) : last;
    }

    /**
     * AUTHENTICATE PLAIN, with the credentials on the command line (SASL-IR) or after the server's "+"; returns
     * the tagged line without its tag.
     */
    public String authenticatePlain(String user, String password, boolean initialResponse) throws IOException {
        String credentials = base64("\0" + user + "\0" + password);
        String reply = initialResponse ? sasl("AUTHENTICATE PLAIN " + credentials) : sasl("AUTHENTICATE PLAIN", credentials);
        if (!initialResponse && !reply.startsWith("+")) {
            throw new IOException("no continuation: " + reply);
        }
        return lastLineWithoutTag(reply);
    }

    /**
     * A SASL exchange (RFC 3501 §6.2.2): sends {@code command} under a fresh tag, then each of {@code answers} after
     * a "+" line from the server; returns every line up to the tagged reply, continuations included (or what came
     * before a close). Stops answering when the tagged reply comes first.
     */
    public String sasl(String command, String... answers) throws IOException {
        String tag = "c" + (++tags);
        write(tag + " " + command + "\r\n");
        StringBuilder reply = new StringBuilder();
        int answered = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            reply.append(line).append('\n');
            if (line.startsWith(tag + " ")) {
                return reply.toString();
            }
            if (line.startsWith("+") && answered < answers.length) {
                write(answers[answered++] + "\r\n");
            }
        }
        return reply.append("(closed)").toString();
    }

    /** {@code text} in UTF-8, in base64. */
    public static String base64(String text) {
        return java.util.Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * APPEND of {@code message} (CRLF line ends) to {@code mailbox} with {@code flags} (e.g. "(\\Seen)" or "");
     * returns every line up to the tagged reply, as {@link #command} does.
     */
    public String append(String mailbox, String flags, byte[] message) throws IOException {
        String tag = "c" + (++tags);
        out.write((tag + " APPEND \"" + mailbox + "\" " + (flags.isEmpty() ? "" : flags + " ") + "{" + message.length + "}\r\n")
                .getBytes(StandardCharsets.UTF_8));
        out.flush();
        String go = in.readLine();
        if (go == null || !go.startsWith("+")) {
            return go;
        }
        out.write(message);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        StringBuilder reply = new StringBuilder();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            reply.append(line).append('\n');
            if (line.startsWith(tag + " ")) {
                return reply.toString();
            }
        }
        return reply.append("(closed)").toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
