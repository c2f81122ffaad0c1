package org.facteur.mailserver.imap.conformance;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.james.mpt.api.Continuation;
import org.apache.james.mpt.api.Session;

/**
 * One MPT session (a script's {@code C:}/{@code S:} lines) over a real STARTTLS connection to Facteur.
 *
 * <p>What James's in-process harness does implicitly is done here over the socket: the greeting is shown to the
 * script as James's test greeting, a continuation request ({@code +}) from the server lets MPT send the lines
 * that follow it ({@link Continuation}), REINIT opens a new connection, AWAIT leaves the server a moment for the
 * work it does after answering (search index, quota). Names and passwords are translated by {@link ScriptAccounts};
 * literal contents are sent unchanged.
 */
final class ScriptSession implements Session {
    /** What James's scripts expect as greeting (MPT's ExternalSessionFactory.IMAP_SHABANG). */
    static final String SCRIPT_GREETING = "* OK IMAP4rev1 Server ready";
    /** MPT's AWAIT: James's harness commits its search index; over a socket, the server gets this long. */
    private static final Duration AWAIT = Duration.ofSeconds(1);
    private static final Pattern LITERAL = Pattern.compile("\\{(\\d+)(\\+?)\\}$");
    private static final Pattern AUTHENTICATE_LITERAL = Pattern.compile("^(\\S+ AUTHENTICATE \"?PLAIN\"? )\\{\\d+\\+\\}$",
            Pattern.CASE_INSENSITIVE);

    private final FacteurHostSystem host;
    private final ScriptAccounts accounts;
    private final Continuation continuation;
    private TlsImapConnection connection;
    private boolean greetingPending;
    /** Bytes of a literal the script is still sending (its lines are not translated). */
    private long literalRemaining;
    /** An AUTHENTICATE PLAIN line whose literal response (the next line) must be translated first. */
    private String heldAuthenticate;

    ScriptSession(FacteurHostSystem host, ScriptAccounts accounts, Continuation continuation) {
        this.host = host;
        this.accounts = accounts;
        this.continuation = continuation;
    }

    @Override
    public void start() throws Exception {
        connection = host.connect();
        greetingPending = true;
    }

    @Override
    public void restart() throws Exception {
        stop();
        connection = host.connect();
        greetingPending = false;
        literalRemaining = 0;
        heldAuthenticate = null;
    }

    @Override
    public void stop() throws Exception {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }

    @Override
    public String readLine() throws Exception {
        if (greetingPending) {
            greetingPending = false;
            String greeting = connection.greeting();
            return greeting.startsWith("* OK") ? SCRIPT_GREETING : greeting;
        }
        String line = accounts.toScript(connection.readLine());
        if (line.startsWith("+")) {
            continuation.doContinue();
        }
        return line;
    }

    @Override
    public void writeLine(String line) throws Exception {
        if (heldAuthenticate != null) {
            String response = accounts.plainResponseToServer(line);
            connection.writeLine(heldAuthenticate + "{" + response.length() + "+}");
            connection.writeLine(response);
            heldAuthenticate = null;
            literalRemaining = 0;
            return;
        }
        String toSend;
        if (literalRemaining >= line.length() + 2L) {
            literalRemaining -= line.length() + 2L;
            toSend = line;
        } else if (literalRemaining > 0) {
            // the literal ends inside this line (or between its CR and LF: some scripts count one byte short)
            int inLiteral = (int) Math.min(literalRemaining, line.length());
            literalRemaining = 0;
            toSend = line.substring(0, inLiteral) + translateCommand(line.substring(inLiteral));
        } else {
            toSend = translateCommand(line);
        }
        if (heldAuthenticate == null) {
            connection.writeLine(toSend);
        }
    }

    /** Translates command text and notes a literal announced at its end. */
    private String translateCommand(String text) {
        String mapped = accounts.toServer(text);
        Matcher auth = AUTHENTICATE_LITERAL.matcher(mapped);
        if (auth.matches()) {
            heldAuthenticate = auth.group(1);
            return mapped;
        }
        Matcher literal = LITERAL.matcher(mapped);
        if (literal.find()) {
            literalRemaining = Long.parseLong(literal.group(1));
        }
        return mapped;
    }

    @Override
    public void await() throws Exception {
        Thread.sleep(AWAIT.toMillis());
    }

    @Override
    public String toString() {
        return "Facteur IMAP session " + connection;
    }

}
