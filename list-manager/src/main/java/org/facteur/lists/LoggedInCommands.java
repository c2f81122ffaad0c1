package org.facteur.lists;

import java.util.Optional;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.facteur.lists.command.Command;
import org.facteur.lists.mail.IncomingMail;
import org.facteur.lists.mail.MailComposer;
import org.facteur.lists.mail.Texts;
import org.facteur.lists.model.MailingList;

/**
 * Runs one command for someone who logged in as her address (the webmail), as the robot runs it for a mail she
 * submitted after logging in: the same executor, policies and limits, the login standing for the mailbox (an owner's
 * {@code ADD} applies at once, as when she sends it logged in). The robot's summary lines are the caller's to use or
 * drop; the other mails are returned to be sent.
 */
final class LoggedInCommands {
    private final CommandExecutor executor;

    LoggedInCommands(CommandExecutor executor) {
        this.executor = executor;
    }

    Replies run(String address, MailingList list, Command command) {
        Replies replies = new Replies();
        IncomingMail mail = new IncomingMail(address, list.requestAddress(), Optional.of(address), request(address, list), 0);
        executor.execute(new CommandContext(mail, address, Optional.of(list), list.domain(), new Texts(list.language()), replies), command);
        return replies;
    }

    private static MimeMessage request(String address, MailingList list) {
        try {
            MimeMessage message = new MimeMessage(MailComposer.session());
            message.setFrom(new InternetAddress(address));
            message.setRecipients(jakarta.mail.Message.RecipientType.TO, list.requestAddress());
            message.setSubject("Request from the webmail");
            message.setText("Request made in the webmail by " + address + ".\n", "UTF-8");
            message.saveChanges();
            return message;
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
