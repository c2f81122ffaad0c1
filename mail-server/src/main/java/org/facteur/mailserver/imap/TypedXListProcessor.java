package org.facteur.mailserver.imap;

import javax.inject.Inject;

import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.MailboxTyper;
import org.apache.james.imap.processor.XListProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.SubscriptionManager;
import org.apache.james.metrics.api.MetricFactory;

/**
 * James's XLIST (the pre-SPECIAL-USE way older Apple and Outlook clients find Sent, Drafts, Trash and Junk) with
 * Facteur's mailbox typer. James 3.8.1's injected constructor passes no typer, so XLIST answered
 * {@code NO} after a NullPointerException in the log (#15.5).
 */
public final class TypedXListProcessor extends XListProcessor {
    @Inject
    public TypedXListProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory,
                               SubscriptionManager subscriptionManager, MailboxTyper mailboxTyper) {
        super(mailboxManager, factory, mailboxTyper, metricFactory, subscriptionManager);
    }
}
