package org.facteur.mailserver.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.mailetcontainer.api.MailProcessor;
import org.apache.james.mailrepository.api.MailRepository;
import org.apache.james.mailrepository.api.MailRepositoryStore;
import org.apache.james.server.core.MailImpl;
import org.apache.mailet.Mail;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BoundedMailProcessorTest {
    private final MailRepositoryStore store = mock(MailRepositoryStore.class);
    private final MailRepository errors = mock(MailRepository.class);
    private final SpoolProgress progress = new SpoolProgress(Clock.systemUTC(), Duration.ofMinutes(1));
    private Mail mail;

    @BeforeEach
    void setUp() throws Exception {
        when(store.select(BoundedMailProcessor.ERROR_REPOSITORY)).thenReturn(errors);
        mail = MailImpl.builder().name("m1").sender("a@x.test").addRecipient(new MailAddress("b@y.test")).build();
    }

    @Test
    void aMailThatNeverFinishesIsMovedAsideAfterTheBoundAndItsWorkerInterrupted() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        MailProcessor hangs = m -> {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        };
        long begin = System.nanoTime();
        new BoundedMailProcessor(hangs, store, progress, Duration.ofMillis(300)).service(mail);
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(20));
        verify(errors).store(mail);
        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
        assertThat(mail.getErrorMessage()).contains("took longer than");
        assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(progress.movedAsideCount()).isEqualTo(1);
        assertThat(progress.inFlight()).isZero();
    }

    @Test
    void aStackOverflowIsMovedAsideInsteadOfKillingTheSpoolerThread() throws Exception {
        MailProcessor overflows = m -> {
            throw new StackOverflowError();
        };
        new BoundedMailProcessor(overflows, store, progress, Duration.ofMinutes(1)).service(mail);
        verify(errors).store(mail);
        assertThat(mail.getErrorMessage()).contains("StackOverflowError");
    }

    @Test
    void ordinaryFailuresGoBackToJamesForItsRetriesAndSuccessIsUntouched() throws Exception {
        MailProcessor fails = m -> {
            throw new MessagingException("database down");
        };
        assertThatThrownBy(() -> new BoundedMailProcessor(fails, store, progress, Duration.ofMinutes(1)).service(mail))
                .isInstanceOf(MessagingException.class).hasMessage("database down");
        new BoundedMailProcessor(m -> m.setState("done"), store, progress, Duration.ofMinutes(1)).service(mail);
        assertThat(mail.getState()).isEqualTo("done");
        verify(errors, never()).store(any());
        assertThat(progress.inFlight()).isZero();
    }
}
