package org.facteur.mailserver.imap.append;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

import org.apache.james.imap.message.Literal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Releases the literals of one IMAP command. James 3.8.1 decodes a command either wholly from memory (its literals
 * hold no resource) or wholly from the one temporary file the command was spilled to once it outgrew the in-memory
 * limit; there every literal is a view of that file and closing any of them deletes the file. So the first closeable
 * literal is closed, once: closing the others would try to delete the same file again and log an error.
 */
final class CommandLiterals {
    private static final Logger LOG = LoggerFactory.getLogger(CommandLiterals.class);

    private CommandLiterals() {
    }

    static void release(List<Literal> literals) {
        for (Literal literal : literals) {
            if (literal instanceof Closeable closeable) {
                try {
                    closeable.close();
                } catch (IOException e) {
                    LOG.debug("Could not release an APPEND literal", e);
                }
                return;
            }
        }
    }
}
