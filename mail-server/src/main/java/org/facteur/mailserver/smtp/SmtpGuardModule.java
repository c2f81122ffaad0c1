package org.facteur.mailserver.smtp;

import org.apache.james.smtpserver.netty.SMTPServerFactory;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;

/** Overrides James's SMTP server factory so that every SMTP listener gets the {@link GuardedSmtpServer} pipeline. */
public final class SmtpGuardModule extends AbstractModule {

    @Override
    protected void configure() {
        bind(GuardedSmtpServerFactory.class).in(Scopes.SINGLETON);
        bind(SMTPServerFactory.class).to(GuardedSmtpServerFactory.class);
    }
}
