package org.facteur.lists;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.facteur.lists.command.Command;
import org.facteur.lists.model.Addresses;
import org.facteur.lists.model.MailingList;
import org.facteur.lists.model.Member;
import org.facteur.lists.model.ReceptionMode;
import org.facteur.lists.model.Role;
import org.facteur.lists.store.ListStore;
import org.facteur.lists.store.PendingRequest;

/** Runs one parsed command for one sender. */
final class CommandExecutor {
    private final ListStore store;
    private final ListDirectory directory;
    private final Subscriptions subscriptions;
    private final Moderation moderation;

    CommandExecutor(ListStore store, ListDirectory directory, Subscriptions subscriptions, Moderation moderation) {
        this.store = store;
        this.directory = directory;
        this.subscriptions = subscriptions;
        this.moderation = moderation;
    }

    void execute(CommandContext ctx, Command command) {
        switch (command) {
            case Command.Help h -> ctx.replies().line(ctx.texts().get("help.body", robot(ctx)));
            case Command.Lists l -> lists(ctx);
            case Command.Which w -> which(ctx);
            case Command.Info c -> list(ctx, c.list()).ifPresent(list -> info(ctx, list));
            case Command.Review c -> list(ctx, c.list()).ifPresent(list -> review(ctx, list));
            case Command.Subscribe c -> list(ctx, c.list()).ifPresent(list ->
                    subscriptions.subscribe(ctx, list, c.name().isBlank() ? ctx.mail().authorName() : c.name()));
            case Command.Unsubscribe c -> list(ctx, c.list()).ifPresent(list -> subscriptions.unsubscribe(ctx, list));
            case Command.Set c -> list(ctx, c.list()).ifPresent(list -> set(ctx, list, c.mode()));
            case Command.Confirm c -> subscriptions.confirm(ctx, c.key());
            case Command.Add c -> list(ctx, c.list()).ifPresent(list -> ownerChange(ctx, list, PendingRequest.Kind.CONFIRM_ADD, c.address(), c.name()));
            case Command.Del c -> list(ctx, c.list()).ifPresent(list -> ownerChange(ctx, list, PendingRequest.Kind.CONFIRM_DEL, c.address(), ""));
            case Command.Distribute c -> list(ctx, c.list()).ifPresent(list -> moderation.distribute(ctx.sender(), ctx.replies(), list, c.key()));
            case Command.Reject c -> list(ctx, c.list()).ifPresent(list -> {
                if (!subscriptions.refuse(ctx, list, c.key(), c.reason())) {
                    moderation.reject(ctx.sender(), ctx.replies(), list, c.key(), c.reason());
                }
            });
            case Command.ModIndex c -> list(ctx, c.list()).ifPresent(list -> moderation.index(ctx, list));
            case Command.Cancel c -> list(ctx, c.list()).ifPresent(list -> moderation.cancel(ctx, list, c.key()));
            case Command.Malformed c -> ctx.replies().line(ctx.texts().get("command.usage", c.line(), c.usage()));
        }
    }

    private Optional<MailingList> list(CommandContext ctx, Optional<String> name) {
        if (name.isEmpty()) {
            return ctx.impliedList();
        }
        String value = name.get().toLowerCase(Locale.ROOT);
        String address = value.contains("@") ? value : value + "@" + ctx.domain();
        Optional<MailingList> list = Addresses.isValid(address) ? directory.find(address) : Optional.empty();
        if (list.isEmpty()) {
            ctx.replies().line(ctx.texts().get("list.unknown", name.get()));
        }
        return list;
    }

    private static String robot(CommandContext ctx) {
        return ctx.impliedList().map(MailingList::requestAddress).orElse(ctx.mail().recipient());
    }

    private void lists(CommandContext ctx) {
        List<MailingList> lists = store.lists().stream().filter(l -> l.domain().equals(ctx.domain())).toList();
        ctx.replies().line(ctx.texts().get("lists.header", ctx.domain(), lists.size()));
        for (MailingList list : lists) {
            ctx.replies().line("  " + list.address() + (list.description().isEmpty() ? "" : "  " + list.description()));
        }
    }

    private void which(CommandContext ctx) {
        List<String> lists = store.listsOf(ctx.sender());
        ctx.replies().line(ctx.texts().get("which.header", ctx.sender(), lists.size()));
        for (String list : lists) {
            String roles = store.findMember(list, ctx.sender()).map(m -> m.roles().stream().map(Role::name)
                    .map(r -> r.toLowerCase(Locale.ROOT)).sorted().toList().toString()).orElse("");
            ctx.replies().line("  " + list + " " + roles);
        }
    }

    private void info(CommandContext ctx, MailingList list) {
        ListMails mails = new ListMails(list);
        List<String> owners = subscriptions.owners(list);
        ctx.replies().line(mails.texts().get("info.body", list.name(), list.address(), list.description(),
                mails.texts().get("policy.subscribe." + list.policies().subscribe().name().toLowerCase(Locale.ROOT)),
                mails.texts().get("policy.send." + list.policies().send().name().toLowerCase(Locale.ROOT)),
                String.join(", ", owners), list.subscribeAddress(), list.unsubscribeAddress()));
    }

    private void review(CommandContext ctx, MailingList list) {
        ListMails mails = new ListMails(list);
        Optional<Member> asker = store.findMember(list.address(), ctx.sender());
        boolean allowed = switch (list.policies().review()) {
            case PUBLIC -> true;
            case MEMBERS -> asker.isPresent();
            case OWNERS -> asker.map(Member::canModerate).orElse(false);
        };
        if (!allowed) {
            ctx.replies().line(mails.texts().get("review.denied", list.address()));
            return;
        }
        List<Member> subscribers = store.members(list.address()).stream().filter(m -> m.has(Role.SUBSCRIBER)).toList();
        ctx.replies().line(mails.texts().get("review.header", list.address(), subscribers.size()));
        for (Member member : subscribers) {
            ctx.replies().line("  " + member.address() + (member.name().isEmpty() ? "" : " (" + member.name() + ")"));
        }
    }

    private void set(CommandContext ctx, MailingList list, String mode) {
        ListMails mails = new ListMails(list);
        Optional<Member> member = store.findMember(list.address(), ctx.sender()).filter(m -> m.has(Role.SUBSCRIBER));
        if (member.isEmpty()) {
            ctx.replies().line(mails.texts().get("unsub.not-member", list.address()));
            return;
        }
        ReceptionMode reception;
        try {
            reception = ReceptionMode.valueOf(mode.replace('-', '_'));
        } catch (IllegalArgumentException e) {
            ctx.replies().line(mails.texts().get("set.unknown", mode));
            return;
        }
        store.saveMember(list.address(), member.get().withReception(reception));
        store.clearBounces(list.address(), member.get().address()); // asking for mail again ends a suspension for bounces and its score
        ctx.replies().line(mails.texts().get("set.done", list.address(), reception.name()));
    }

    private void ownerChange(CommandContext ctx, MailingList list, PendingRequest.Kind kind, String address, String name) {
        ListMails mails = new ListMails(list);
        if (!subscriptions.isOwner(list, ctx.sender())) {
            ctx.replies().line(mails.texts().get("owner.only", list.address()));
        } else if (!Addresses.isValid(address)) {
            ctx.replies().line(mails.texts().get("address.invalid", address));
        } else {
            subscriptions.ownerChange(ctx, list, kind, Addresses.normalize(address), name);
        }
    }
}
