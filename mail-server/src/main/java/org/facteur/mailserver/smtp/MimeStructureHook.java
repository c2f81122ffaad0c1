package org.facteur.mailserver.smtp;

import java.io.IOException;

import javax.mail.MessagingException;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.smtpserver.JamesMessageHook;
import org.apache.mailet.Mail;
import org.facteur.mailserver.mime.MimeLimits;
import org.facteur.mailserver.mime.MimeStructureScanner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses at the end of DATA ({@code 552 5.3.4} and a sentence naming the limit) a message whose MIME structure is
 * too deep, has too many parts or too big a header section, before anything parses it deeply: accepted, such a
 * message (a MIME bomb) would make the mailbox's MIME parser overflow its stack or spend minutes in the spooler. The
 * raw bytes are read once by {@link MimeStructureScanner}, which stops at the first limit crossed.
 */
public final class MimeStructureHook implements JamesMessageHook {
    private static final Logger LOG = LoggerFactory.getLogger(MimeStructureHook.class);

    private MimeLimits limits = MimeLimits.DEFAULTS;

    @Override
    public void init(Configuration config) throws ConfigurationException {
        try {
            limits = new MimeLimits(config.getInt("maxDepth", limits.maxDepth()), config.getInt("maxParts", limits.maxParts()),
                    config.getInt("maxHeaderBytes", limits.maxHeaderBytes()),
                    config.getInt("maxHeaderLines", limits.maxHeaderLines()));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage(), e);
        }
    }

    @Override
    public HookResult onMessage(SMTPSession session, Mail mail) {
        MimeStructureScanner scanner = new MimeStructureScanner(limits);
        try {
            mail.getMessage().writeTo(scanner);
        } catch (MimeStructureScanner.LimitCrossed crossed) {
            // the verdict says which limit
        } catch (IOException | MessagingException e) {
            LOG.warn("Could not read the message of {} to measure its MIME structure; refusing it for now", mail.getName(), e);
            return HookResult.builder()
                    .hookReturnCode(HookReturnCode.denySoft())
                    .smtpReturnCode("451")
                    .smtpDescription("4.3.0 The message could not be read back to check it; try again later")
                    .build();
        }
        return scanner.verdict().violation()
                .map(v -> {
                    LOG.info("Refused {} from {}: {}", mail.getName(), session.getRemoteAddress(), v.sentence());
                    return HookResult.builder()
                            .hookReturnCode(HookReturnCode.deny())
                            .smtpReturnCode("552")
                            .smtpDescription("5.3.4 Message refused: " + v.sentence() + "; it was not delivered")
                            .build();
                })
                .orElse(HookResult.DECLINED);
    }
}
