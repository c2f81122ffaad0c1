package org.facteur.webmail.contacts;

import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A member's correspondents, at most {@link #MAX}: when one more comes, the one she wrote to longest ago goes.
 * Completion finds the contacts whose address, name, or a word of the name starts with what she typed, ignoring
 * case and accents, most used first. Immutable; no Spring, no files.
 */
public final class ContactList {
    public static final int MAX = 500;
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern WORD_START = Pattern.compile("[\\s\"'(.,_-]+");
    private static final Comparator<Contact> MOST_RECENT = Comparator.comparing(Contact::lastUsed).reversed()
            .thenComparing(Comparator.comparingInt(Contact::uses).reversed()).thenComparing(Contact::key);
    private static final Comparator<Contact> MOST_USED = Comparator.comparingInt(Contact::uses).reversed()
            .thenComparing(Comparator.comparing(Contact::lastUsed).reversed()).thenComparing(Contact::key);

    private final List<Contact> contacts;

    private ContactList(List<Contact> contacts) {
        this.contacts = contacts;
    }

    /** The list as stored: one entry per address (the most recently used wins), the {@link #MAX} most recent. */
    public static ContactList of(List<Contact> contacts) {
        Map<String, Contact> byKey = new LinkedHashMap<>();
        for (Contact c : contacts.stream().sorted(MOST_RECENT).toList()) {
            if (!c.key().isEmpty()) {
                byKey.putIfAbsent(c.key(), c);
            }
        }
        return new ContactList(byKey.values().stream().limit(MAX).toList());
    }

    /**
     * The list after the member wrote to {@code people} (their name and address are taken) at {@code when}: each
     * counts once more, takes the name she just used if she gave one, and is the most recent.
     */
    public ContactList recorded(List<Contact> people, Instant when) {
        Map<String, Contact> byKey = new LinkedHashMap<>();
        contacts.forEach(c -> byKey.put(c.key(), c));
        Map<String, Contact> now = new LinkedHashMap<>();
        for (Contact person : people) {
            if (person.key().isEmpty() || now.containsKey(person.key())) {
                continue;
            }
            Contact known = byKey.get(person.key());
            String name = person.name().isEmpty() && known != null ? known.name() : person.name();
            now.put(person.key(), new Contact(name, person.address(), known == null ? 1 : known.uses() + 1, when));
        }
        List<Contact> all = new ArrayList<>(now.values());
        contacts.stream().filter(c -> !now.containsKey(c.key())).forEach(all::add);
        return of(all);
    }

    /** The list without that address (any case). */
    public ContactList without(String address) {
        String key = Contact.key(address);
        return new ContactList(contacts.stream().filter(c -> !c.key().equals(key)).toList());
    }

    /** The contacts as stored, most recently used first. */
    public List<Contact> stored() {
        return contacts;
    }

    /** The contacts in the order of an address book: by name (else address), ignoring case and accents. */
    public List<Contact> alphabetical() {
        return contacts.stream()
                .sorted(Comparator.comparing((Contact c) -> fold(c.name().isEmpty() ? c.address() : c.name()))
                        .thenComparing(Contact::key))
                .toList();
    }

    /** At most {@code limit} contacts completing {@code typed}, most used first; none for a blank query. */
    public List<Contact> completing(String typed, int limit) {
        String prefix = fold(typed == null ? "" : typed.strip());
        if (prefix.isEmpty()) {
            return List.of();
        }
        return contacts.stream().filter(c -> completes(c, prefix)).sorted(MOST_USED).limit(limit).toList();
    }

    public int size() {
        return contacts.size();
    }

    private static boolean completes(Contact c, String prefix) {
        if (fold(c.address()).startsWith(prefix) || fold(c.name()).startsWith(prefix)) {
            return true;
        }
        for (String word : WORD_START.split(fold(c.name()))) {
            if (word.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** Lower case without accents: "Élise" and "elise" are the same to completion. */
    static String fold(String s) {
        return MARKS.matcher(Normalizer.normalize(s, Normalizer.Form.NFD)).replaceAll("").toLowerCase(Locale.ROOT);
    }
}
