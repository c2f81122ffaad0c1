package org.facteur.mailserver.imap.append;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

import org.apache.james.imap.message.Literal;
import org.facteur.mailserver.imap.binary.ReencodedLiteral;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Releases the literals of one IMAP command. James 3.8.1 decodes a command either wholly from memory (its literals
 * hold no resource) or wholly from the one temporary file the command was spilled to once it outgrew the in-memory
 * limit; there every literal is a view of that file and closing any of them deletes the file. So the first closeable
 * literal James read is closed, once: closing the others would try to delete the same file again and log an error.
 * A literal8 message re-encoded into a temporary file of its own ({@link ReencodedLiteral}) has that file deleted,
 * every one of them.
 */
final class CommandLiterals {
    private static final Logger LOG = LoggerFactory.getLogger(CommandLiterals.class);

    private CommandLiterals() {
    }

    static void release(List<Literal> literals) {
        boolean commandReleased = false;
        for (Literal literal : literals) {
            Literal sent = literal;
            if (literal instanceof ReencodedLiteral reencoded) {
                sent = reencoded.sent();
                try {
                    reencoded.deleteCopy();
                } catch (IOException e) {
                    LOG.warn("Could not delete the re-encoded copy of an APPEND literal8", e);
                }
            }
            if (!commandReleased && sent instanceof Closeable closeable) {
                commandReleased = true;
                try {
                    closeable.close();
                } catch (IOException e) {
                    LOG.debug("Could not release an APPEND literal", e);
                }
            }
        }
    }
}
