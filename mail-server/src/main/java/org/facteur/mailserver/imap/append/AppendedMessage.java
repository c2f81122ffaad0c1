package org.facteur.mailserver.imap.append;

import java.util.Date;

import javax.mail.Flags;

import org.apache.james.imap.message.Literal;

/**
 * One message of an APPEND command as the client sent it: its flags, its internal date and its bytes, which stay in
 * James's literal (in memory, or a view of the temporary file a large command was spilled to) until the command is
 * done.
 */
public record AppendedMessage(Flags flags, Date internalDate, Literal content) {
}
