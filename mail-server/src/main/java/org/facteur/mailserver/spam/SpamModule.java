package org.facteur.mailserver.spam;

import java.util.Optional;

import org.apache.james.events.EventListener;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;

/** Makes Rspamd ({@link SpamChecking}) injectable into {@link SpamCheckHook}, and registers {@link JunkLearning}. */
public final class SpamModule extends AbstractModule {
    private final SpamChecking checking;

    public SpamModule(Optional<RspamdSettings> settings) {
        this.checking = new SpamChecking(settings.map(Rspamd::new));
    }

    @Override
    protected void configure() {
        bind(SpamChecking.class).toInstance(checking);
        Multibinder.newSetBinder(binder(), EventListener.ReactiveGroupEventListener.class).addBinding().to(JunkLearning.class);
    }
}
