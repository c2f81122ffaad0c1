package org.facteur.app.metrics;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.MetricRegistryListener;
import com.codahale.metrics.Timer;

/**
 * James's Dropwizard meters under a {@code james.} prefix (so {@code IMAP-LOGIN} is published as
 * {@code james_IMAP_LOGIN}, {@code outgoingMails} as {@code james_outgoingMails_total}), kept in step with James's
 * registry as meters appear. James's own JVM gauges are left out: Micrometer's {@code jvm_*} meters say the same.
 */
final class JamesMeters {
    static final String PREFIX = "james.";

    private JamesMeters() {
    }

    static MetricRegistry prefixed(MetricRegistry james) {
        MetricRegistry published = new MetricRegistry();
        james.addListener(new MetricRegistryListener() {
            @Override
            public void onGaugeAdded(String name, Gauge<?> gauge) {
                add(name, gauge);
            }

            @Override
            public void onGaugeRemoved(String name) {
                published.remove(PREFIX + name);
            }

            @Override
            public void onCounterAdded(String name, Counter counter) {
                add(name, counter);
            }

            @Override
            public void onCounterRemoved(String name) {
                published.remove(PREFIX + name);
            }

            @Override
            public void onHistogramAdded(String name, Histogram histogram) {
                add(name, histogram);
            }

            @Override
            public void onHistogramRemoved(String name) {
                published.remove(PREFIX + name);
            }

            @Override
            public void onMeterAdded(String name, Meter meter) {
                add(name, meter);
            }

            @Override
            public void onMeterRemoved(String name) {
                published.remove(PREFIX + name);
            }

            @Override
            public void onTimerAdded(String name, Timer timer) {
                add(name, timer);
            }

            @Override
            public void onTimerRemoved(String name) {
                published.remove(PREFIX + name);
            }

            private void add(String name, com.codahale.metrics.Metric metric) {
                if (!name.startsWith("jvm.")) {
                    published.register(PREFIX + name, metric);
                }
            }
        });
        return published;
    }
}
