package org.facteur.mailserver.spool;

import java.time.Duration;

import org.apache.james.mailetcontainer.api.MailProcessor;
import org.apache.james.mailetcontainer.impl.CompositeProcessorImpl;
import org.apache.james.mailrepository.api.MailRepositoryStore;
import org.apache.james.utils.GuiceProbe;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;

/**
 * The spooler gets James's processors through {@link BoundedMailProcessor} (a bound on time per mail), and
 * {@link SpoolWatch} reports whether it still moves.
 */
public final class SpoolGuardModule extends AbstractModule {
    private final SpoolProgress progress;
    private final Duration timeout;

    public SpoolGuardModule(SpoolProgress progress, Duration timeout) {
        this.progress = progress;
        this.timeout = timeout;
    }

    @Override
    protected void configure() {
        bind(SpoolProgress.class).toInstance(progress);
        Multibinder.newSetBinder(binder(), GuiceProbe.class).addBinding().to(SpoolWatch.class);
    }

    @Provides
    @Singleton
    MailProcessor boundedProcessor(CompositeProcessorImpl processors, MailRepositoryStore repositories) {
        return new BoundedMailProcessor(processors, repositories, progress, timeout);
    }
}
