package org.facteur.mailserver.queue;

import javax.annotation.PreDestroy;
import javax.inject.Inject;
import javax.jms.ConnectionFactory;

import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.ActiveMQPrefetchPolicy;
import org.apache.activemq.broker.BrokerPlugin;
import org.apache.activemq.broker.BrokerService;
import org.apache.activemq.broker.jmx.ManagementContext;
import org.apache.activemq.plugin.StatisticsBrokerPlugin;
import org.apache.activemq.store.PersistenceAdapter;
import org.apache.james.filesystem.api.FileSystem;

/**
 * The embedded ActiveMQ broker of the mail queues, reachable only inside this JVM ({@code vm://}).
 * James's own {@code EmbeddedActiveMQ} also opens an OpenWire listener on {@code tcp://localhost:0};
 * OpenWire is where ActiveMQ's remote-code-execution flaw CVE-2023-46604 lived, and any local process or
 * SSRF could reach it. This broker has no transport connector at all: no socket, nothing to attack from
 * outside the process. Same store location as before, so queued mail survives the change.
 */
public final class InVmBroker {
    private static final String KAHADB_STORE_LOCATION = "file://var/store/activemq/brokers/KahaDB";
    private static final String BROKERS_LOCATION = "file://var/store/activemq/brokers";
    static final String BROKER_NAME = "james";

    private final BrokerService broker;
    private final ActiveMQConnectionFactory connectionFactory;

    @Inject
    InVmBroker(FileSystem fileSystem, PersistenceAdapter persistence) throws Exception {
        persistence.setDirectory(fileSystem.getFile(KAHADB_STORE_LOCATION));
        broker = new BrokerService();
        broker.setBrokerName(BROKER_NAME);
        broker.setBrokerId("broker");
        broker.setUseJmx(false);
        ManagementContext management = new ManagementContext();
        management.setCreateConnector(false);
        broker.setManagementContext(management);
        broker.setPersistent(true);
        broker.setDataDirectoryFile(fileSystem.getFile(BROKERS_LOCATION));
        broker.setPersistenceAdapter(persistence);
        broker.setUseShutdownHook(false);
        broker.setSchedulerSupport(false);
        broker.setAdvisorySupport(false);
        // Queue sizes and ages for the metrics (ActiveMQMetricCollector asks this plugin).
        broker.setPlugins(new BrokerPlugin[] {new StatisticsBrokerPlugin()});
        broker.setEnableStatistics(true);
        // No setTransportConnectorURIs: the broker listens on no socket.
        broker.start();
        broker.waitUntilStarted();

        connectionFactory = new ActiveMQConnectionFactory("vm://" + BROKER_NAME + "?create=false");
        connectionFactory.setTrustAllPackages(false);
        ActiveMQPrefetchPolicy prefetch = new ActiveMQPrefetchPolicy();
        prefetch.setQueuePrefetch(0);
        prefetch.setTopicPrefetch(0);
        connectionFactory.setPrefetchPolicy(prefetch);
    }

    public ConnectionFactory connectionFactory() {
        return connectionFactory;
    }

    @PreDestroy
    public void stop() throws Exception {
        broker.stop();
        broker.waitUntilStopped();
    }
}
