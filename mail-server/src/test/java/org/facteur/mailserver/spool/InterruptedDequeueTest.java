package org.facteur.mailserver.spool;

import static org.assertj.core.api.Assertions.assertThat;

import javax.jms.JMSException;

import org.apache.james.queue.api.MailQueue.MailQueueException;
import org.facteur.mailserver.LogCapture;
import org.junit.jupiter.api.Test;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import reactor.core.Exceptions;

class InterruptedDequeueTest {
    private static MailQueueException interrupted(String what) {
        JMSException jms = new JMSException("java.lang.InterruptedException");
        jms.initCause(new InterruptedException());
        return new MailQueueException(what, jms);
    }

    @Test
    void anInterruptedDequeueIsRecognisedAlsoWhenReactorWrapsIt() {
        assertThat(InterruptedDequeue.isInterruptedDequeue(interrupted("Unable to dequeue next message"))).isTrue();
        assertThat(InterruptedDequeue.isInterruptedDequeue(
                Exceptions.errorCallbackNotImplemented(interrupted("Unable to dequeue next message")))).isTrue();
    }

    @Test
    void otherDroppedErrorsAreNot() {
        assertThat(InterruptedDequeue.isInterruptedDequeue(interrupted("Unable to enqueue mail")))
                .as("an interrupted enqueue").isFalse();
        assertThat(InterruptedDequeue.isInterruptedDequeue(new MailQueueException("Unable to dequeue next message",
                new JMSException("broker gone")))).as("a queue failure not caused by an interrupt").isFalse();
        assertThat(InterruptedDequeue.isInterruptedDequeue(new IllegalStateException(new InterruptedException())))
                .as("an interrupt outside a queue").isFalse();
        assertThat(InterruptedDequeue.isInterruptedDequeue(new RuntimeException())).isFalse();
    }

    @Test
    void onlyAStoppingServerTurnsTheErrorIntoOneInfoLine() {
        Exception dropped = Exceptions.errorCallbackNotImplemented(interrupted("Unable to dequeue next message"));
        try (LogCapture log = LogCapture.capture(InterruptedDequeue.class.getName())) {
            InterruptedDequeue.dropped(dropped);
            InterruptedDequeue.whileStopping(() -> InterruptedDequeue.dropped(dropped));
            InterruptedDequeue.dropped(dropped);
            assertThat(log.events()).filteredOn(e -> e.getLoggerName().equals(InterruptedDequeue.class.getName()))
                    .extracting(ILoggingEvent::getLevel, e -> e.getThrowableProxy() != null)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(Level.ERROR, true),
                            org.assertj.core.groups.Tuple.tuple(Level.INFO, false),
                            org.assertj.core.groups.Tuple.tuple(Level.ERROR, true));
        }
    }
}
