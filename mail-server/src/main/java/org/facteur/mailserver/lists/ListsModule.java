package org.facteur.mailserver.lists;

import org.facteur.lists.ListService;

import com.google.inject.AbstractModule;

/** Makes the list service injectable into Facteur's matchers, mailets and SMTP hooks. */
public final class ListsModule extends AbstractModule {
    private final ListService lists;

    public ListsModule(ListService lists) {
        this.lists = lists;
    }

    @Override
    protected void configure() {
        bind(ListService.class).toInstance(lists);
    }
}
