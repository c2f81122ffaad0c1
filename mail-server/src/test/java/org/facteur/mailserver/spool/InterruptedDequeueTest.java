package org.facteur.mailserver.spool;

import static org.assertj.core.api.Assertions.assertThat;

import javax.jms.JMSException;

import org.apache.james.queue.api.MailQueue.MailQueueException;
import org.junit.jupiter.api.Test;

import reactor.core.Exceptions;

class InterruptedDequeueTest {
    private static MailQueueException interruptedReceive() {
        JMSException jms = new JMSException("java.lang.InterruptedException");
        jms.initCause(new InterruptedException());
        return new MailQueueException("Unable to dequeue next message", jms);
    }

    @Test
    void anInterruptedDequeueIsRecognisedAlsoWhenReactorWrapsIt() {
        assertThat(InterruptedDequeue.isInterruptedDequeue(interruptedReceive())).isTrue();
        assertThat(InterruptedDequeue.isInterruptedDequeue(Exceptions.errorCallbackNotImplemented(interruptedReceive())))
                .isTrue();
    }

    @Test
    void otherDroppedErrorsAreNot() {
        assertThat(InterruptedDequeue.isInterruptedDequeue(new MailQueueException("Unable to dequeue next message",
                new JMSException("broker gone")))).as("a queue failure not caused by an interrupt").isFalse();
        assertThat(InterruptedDequeue.isInterruptedDequeue(new IllegalStateException(new InterruptedException())))
                .as("an interrupt outside a queue").isFalse();
        assertThat(InterruptedDequeue.isInterruptedDequeue(new RuntimeException())).isFalse();
    }
}
