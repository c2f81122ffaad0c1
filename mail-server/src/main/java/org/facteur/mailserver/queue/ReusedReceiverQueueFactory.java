package org.facteur.mailserver.queue;

import javax.jms.ConnectionFactory;

import org.apache.james.metrics.api.GaugeRegistry;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.queue.activemq.ActiveMQMailQueueFactory;
import org.apache.james.queue.activemq.metric.ActiveMQMetricCollector;
import org.apache.james.queue.api.MailQueueItemDecoratorFactory;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.queue.api.ManageableMailQueue;

/**
 * James's ActiveMQ queue factory making {@link ReusedReceiverMailQueue}s, with message bodies inside the JMS messages
 * (never ActiveMQ's blob side files, see {@link ActiveMqQueueModule}).
 */
final class ReusedReceiverQueueFactory extends ActiveMQMailQueueFactory {
    private final ActiveMQMetricCollector collector;

    ReusedReceiverQueueFactory(ConnectionFactory connections, MailQueueItemDecoratorFactory decorators,
                               MetricFactory metrics, GaugeRegistry gauges, ActiveMQMetricCollector collector) {
        super(connections, decorators, metrics, gauges, collector);
        this.collector = collector;
    }

    /** Refuses blob messages: the queues this factory makes keep message bodies inside the (fsynced) JMS messages. */
    @Override
    public void setUseBlobMessages(boolean useBlob) {
        if (useBlob) {
            throw new IllegalArgumentException("The spool keeps message bodies inside the JMS messages (fsynced)");
        }
    }

    @Override
    protected ManageableMailQueue createCacheableMailQueue(MailQueueName name) {
        collector.collectQueueStatistics(name);
        return new ReusedReceiverMailQueue(connectionFactory, mailQueueItemDecoratorFactory, name, metricFactory,
                gaugeRegistry, System::nanoTime);
    }
}
