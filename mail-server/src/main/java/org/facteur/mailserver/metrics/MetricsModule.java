package org.facteur.mailserver.metrics;

import com.google.inject.AbstractModule;

import io.micrometer.core.instrument.MeterRegistry;

/** Gives James's handlers and Facteur's mailets the registry Facteur's own meters go to. */
public final class MetricsModule extends AbstractModule {
    private final MeterRegistry registry;

    public MetricsModule(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    protected void configure() {
        bind(MeterRegistry.class).toInstance(registry);
    }
}
