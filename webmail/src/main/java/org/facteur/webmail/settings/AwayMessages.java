package org.facteur.webmail.settings;

import java.nio.charset.StandardCharsets;

import jakarta.mail.MessagingException;

import org.eclipse.angus.mail.iap.Argument;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;
import org.facteur.webmail.imap.MailboxSession;
import org.facteur.webmail.imap.StandardFolders;
import org.springframework.stereotype.Service;

/** Reads and writes the away message over IMAP METADATA (RFC 5464), on the member's own connection. */
@Service
public class AwayMessages {

    public AwayMessage load(MailboxSession mailbox) throws MessagingException {
        IMAPFolder inbox = (IMAPFolder) mailbox.store().getFolder(StandardFolders.INBOX);
        Object value = inbox.doCommand(protocol -> {
            Argument entries = new Argument();
            entries.writeAtom(AwayMessage.ENTRY);
            Argument args = new Argument();
            args.writeString(StandardFolders.INBOX);
            args.writeArgument(entries);
            Response[] responses = protocol.command("GETMETADATA", args);
            String found = null;
            for (Response r : responses) {
                if (r instanceof IMAPResponse ir && ir.keyEquals("METADATA")) {
                    ir.readAtomString(); // the mailbox
                    ir.skipSpaces();
                    if (ir.readByte() == '(') {
                        ir.readAtomString(); // the entry name
                        found = ir.readString();
                    }
                }
            }
            protocol.notifyResponseHandlers(responses);
            protocol.handleResult(responses[responses.length - 1]);
            return found;
        });
        return AwayMessage.parse((String) value);
    }

    public void save(MailboxSession mailbox, AwayMessage away) throws MessagingException {
        IMAPFolder inbox = (IMAPFolder) mailbox.store().getFolder(StandardFolders.INBOX);
        inbox.doCommand(protocol -> {
            Argument entry = new Argument();
            entry.writeAtom(AwayMessage.ENTRY);
            entry.writeString(away.format(), StandardCharsets.US_ASCII);
            Argument args = new Argument();
            args.writeString(StandardFolders.INBOX);
            args.writeArgument(entry);
            Response[] responses = protocol.command("SETMETADATA", args);
            protocol.notifyResponseHandlers(responses);
            protocol.handleResult(responses[responses.length - 1]);
            return null;
        });
    }
}
