package org.facteur.app.metrics;

import java.util.ArrayList;
import java.util.List;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot.SummaryDataPointSnapshot;

/**
 * A collector whose every sample also carries the {@code node} label ({@code FACTEUR_NODE_NAME}). Micrometer's common
 * tags label Facteur's and the JVM's meters, but James's Dropwizard meters reach the Prometheus registry through their
 * own collector, which Micrometer's filters never see. Dropwizard yields counters, gauges and summaries only; a kind
 * this does not know is refused at scrape time rather than published without its node.
 */
final class NodeLabelled implements MultiCollector {
    private final MultiCollector delegate;
    private final Labels node;

    NodeLabelled(MultiCollector delegate, String nodeName) {
        this.delegate = delegate;
        this.node = Labels.of("node", nodeName);
    }

    @Override
    public MetricSnapshots collect() {
        List<MetricSnapshot> labelled = new ArrayList<>();
        for (MetricSnapshot snapshot : delegate.collect()) {
            labelled.add(labelled(snapshot));
        }
        return new MetricSnapshots(labelled);
    }

    private MetricSnapshot labelled(MetricSnapshot snapshot) {
        if (snapshot instanceof CounterSnapshot counter) {
            return new CounterSnapshot(counter.getMetadata(), counter.getDataPoints().stream()
                    .map(p -> new CounterDataPointSnapshot(p.getValue(), p.getLabels().merge(node), p.getExemplar(),
                            p.hasCreatedTimestamp() ? p.getCreatedTimestampMillis() : 0L))
                    .toList());
        }
        if (snapshot instanceof GaugeSnapshot gauge) {
            return new GaugeSnapshot(gauge.getMetadata(), gauge.getDataPoints().stream()
                    .map(p -> new GaugeDataPointSnapshot(p.getValue(), p.getLabels().merge(node), p.getExemplar()))
                    .toList());
        }
        if (snapshot instanceof SummarySnapshot summary) {
            return new SummarySnapshot(summary.getMetadata(), summary.getDataPoints().stream()
                    .map(p -> new SummaryDataPointSnapshot(p.getCount(), p.getSum(), p.getQuantiles(),
                            p.getLabels().merge(node), p.getExemplars(), p.hasCreatedTimestamp() ? p.getCreatedTimestampMillis() : 0L))
                    .toList());
        }
        throw new IllegalStateException("Cannot add the node label to a " + snapshot.getClass().getSimpleName()
                + " (" + snapshot.getMetadata().getName() + ")");
    }
}
