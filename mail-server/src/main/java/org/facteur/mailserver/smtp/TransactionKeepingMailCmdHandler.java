package org.facteur.mailserver.smtp;

import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.MaybeSender;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.smtp.SMTPRetCode;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.smtpserver.JamesMailCmdHandler;

/**
 * James's MAIL command, where a MAIL inside a transaction ({@code 503 5.5.0 Sender already specified}) leaves the
 * transaction as it was (RFC 5321 §4.1.4: a refused command does not change the server's state; Postfix answers
 * {@code 503 5.5.1 Error: nested MAIL command} and goes on). James 3.8.1 dropped the sender on every reply but 250
 * and kept the recipients: the client's DATA then got {@code 503 No sender specified}, or a later MAIL gave the
 * recipients, accepted under the first sender, a sender they were never checked with.
 */
public final class TransactionKeepingMailCmdHandler extends JamesMailCmdHandler {
    @Inject
    public TransactionKeepingMailCmdHandler(MetricFactory metricFactory, DomainList domainList) {
        super(metricFactory, domainList);
    }

    @Override
    public Response onCommand(SMTPSession session, Request request) {
        Optional<MaybeSender> transaction = session.getAttachment(SMTPSession.SENDER, State.Transaction);
        Response response = super.onCommand(session, request);
        if (transaction.isPresent() && !SMTPRetCode.MAIL_OK.equals(response.getRetCode())) {
            session.setAttachment(SMTPSession.SENDER, transaction.get(), State.Transaction);
        }
        return response;
    }
}
