package org.facteur.mailserver.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.Optional;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.james.core.MailAddress;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.core.RcptCmdHandler;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.smtpserver.SMTPConstants;
import org.apache.james.smtpserver.SendMailHandler;
import org.apache.james.smtpserver.fastfail.ValidRcptHandler;
import org.apache.mailet.base.test.FakeMail;
import org.facteur.mailserver.smtp.EnvelopeSenderOwnershipHook;
import org.facteur.mailserver.smtp.MimeStructureHook;
import org.facteur.mailserver.smtp.QuotaCheckHook;
import org.facteur.mailserver.smtp.SenderOwnership;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class SmtpOutcomeMetricsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final SmtpOutcomeMetrics metrics = new SmtpOutcomeMetrics(registry);
    private final SMTPSession inData = mock(SMTPSession.class);
    private final SMTPSession beforeData = mock(SMTPSession.class);

    @BeforeEach
    void listener() throws Exception {
        BaseHierarchicalConfiguration config = new BaseHierarchicalConfiguration();
        config.addProperty("listener", "submission");
        metrics.init(config);
        when(inData.getAttachment(SMTPConstants.MAIL, SMTPSession.State.Transaction)).thenReturn(Optional.of(FakeMail.defaultFakeMail()));
        when(beforeData.getAttachment(SMTPConstants.MAIL, SMTPSession.State.Transaction)).thenReturn(Optional.empty());
    }

    @Test
    void queuedMessageCountsAsAcceptedAndTheResultIsPassedOnUnchanged() {
        HookResult ok = HookResult.OK;

        assertThat(metrics.onHookResult(inData, ok, 3, mock(SendMailHandler.class))).isSameAs(ok);

        assertThat(count("facteur.smtp.messages", "result", "accepted", "reason", "none")).isEqualTo(1.0);
    }

    @Test
    void refusalAtDataNamesTheHookAndTemporaryOnesCountAsDeferred() {
        metrics.onHookResult(inData, HookResult.DENY, 1, mock(MimeStructureHook.class));
        metrics.onHookResult(inData, HookResult.DENYSOFT, 1, mock(QuotaCheckHook.class));
        metrics.onHookResult(inData, HookResult.DECLINED, 1, mock(QuotaCheckHook.class));

        assertThat(registry.find("facteur.smtp.messages").tag("result", "refused").counter().getId().getTag("reason"))
                .startsWith("MimeStructureHook");
        assertThat(registry.find("facteur.smtp.messages").tag("result", "deferred").counter().count()).isEqualTo(1.0);
        assertThat(registry.find("facteur.smtp.messages").counters()).hasSize(2);
    }

    @Test
    void refusalBeforeDataCountsByStage() {
        metrics.onHookResult(beforeData, HookResult.DENY, 1, new ValidRcptHandler(null, null, null));
        metrics.onHookResult(beforeData, HookResult.OK, 1, new ValidRcptHandler(null, null, null));

        assertThat(count("facteur.smtp.refusals", "stage", "rcpt", "reason", "ValidRcptHandler")).isEqualTo(1.0);
        assertThat(registry.find("facteur.smtp.refusals").counter().getId().getTag("listener")).isEqualTo("submission");
        assertThat(registry.find("facteur.smtp.messages").counters()).isEmpty();
    }

    @Test
    void aHookThatChecksMailAndRcptIsCountedAtTheCommandItAnswered() throws Exception {
        SenderOwnership ownership = mock(SenderOwnership.class);
        EnvelopeSenderOwnershipHook hook = new EnvelopeSenderOwnershipHook(ownership);
        SMTPSession atRcpt = mock(SMTPSession.class);
        when(atRcpt.getAttachment(SMTPConstants.MAIL, SMTPSession.State.Transaction)).thenReturn(Optional.empty());
        when(atRcpt.getAttachment(RcptCmdHandler.CURRENT_RECIPIENT, SMTPSession.State.Transaction))
                .thenReturn(Optional.of(new MailAddress("bob@example.org")));
        when(beforeData.getAttachment(RcptCmdHandler.CURRENT_RECIPIENT, SMTPSession.State.Transaction))
                .thenReturn(Optional.empty());

        metrics.onHookResult(beforeData, HookResult.DENY, 1, hook);
        metrics.onHookResult(atRcpt, HookResult.DENY, 1, hook);
        metrics.onHookResult(atRcpt, HookResult.DENY, 1, hook);

        assertThat(count("facteur.smtp.refusals", "stage", "mail", "reason", "EnvelopeSenderOwnershipHook")).isEqualTo(1.0);
        assertThat(count("facteur.smtp.refusals", "stage", "rcpt", "reason", "EnvelopeSenderOwnershipHook")).isEqualTo(2.0);
    }

    private double count(String name, String k1, String v1, String k2, String v2) {
        return registry.get(name).tag(k1, v1).tag(k2, v2).counter().count();
    }
}
