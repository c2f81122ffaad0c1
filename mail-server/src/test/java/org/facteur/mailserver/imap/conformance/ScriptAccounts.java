package org.facteur.mailserver.imap.conformance;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The accounts of one script run, and the translation between the script's words and Facteur's.
 *
 * <p>James's scripts log in as bare names ({@code imapuser}, {@code Boby}, {@code delegate}) with passwords such
 * as {@code password}: James's own harness runs without virtual hosting and without a password policy. Facteur's
 * accounts are addresses and its administration refuses weak passwords. So each script name gets a fresh account
 * {@code <name>-<n>@localhost} (fresh for every script run, so every script starts from an empty account, as in
 * James's harness) with a strong password, and:
 * <ul>
 *   <li>lines to the server: the script name becomes the address wherever it appears outside a literal
 *   (LOGIN, mailbox names, ACL identifiers, quota roots), the script password after a LOGIN of that account
 *   becomes the real one, and the same in an AUTHENTICATE PLAIN response;</li>
 *   <li>lines to the script: the address becomes the script name again.</li>
 * </ul>
 * Nothing else is rewritten: literal contents (messages) are sent byte for byte.
 */
final class ScriptAccounts {
    static final String DOMAIN = "localhost";
    private static final AtomicInteger RUNS = new AtomicInteger();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern LOGIN = Pattern.compile("^(\\S+ LOGIN )(\"?)([^\\s\"]+)(\"?)( )(\"?)([^\\s\"]*)(\"?)(.*)$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern AUTHENTICATE_INLINE = Pattern.compile("^(\\S+ AUTHENTICATE \"?PLAIN\"? )([A-Za-z0-9+/=]+)$",
            Pattern.CASE_INSENSITIVE);

    /** One account: the name the script uses, its address on Facteur, both passwords. */
    record Account(String scriptName, String address, String scriptPassword, String password) {
    }

    private final int run = RUNS.incrementAndGet();
    private final Map<String, Account> byName = new LinkedHashMap<>();

    /**
     * The account for a script name, made up on first use; {@code scriptPassword} is null when the script
     * never logs in as that user (it only owns a mailbox), and can be given later.
     */
    Account account(String scriptName, String scriptPassword) {
        String key = scriptName.toLowerCase(Locale.ROOT);
        Account known = byName.get(key);
        if (known == null) {
            known = new Account(scriptName, key + "-" + run + "@" + DOMAIN, scriptPassword, strongPassword());
        } else if (known.scriptPassword() == null && scriptPassword != null) {
            known = new Account(known.scriptName(), known.address(), scriptPassword, known.password());
        }
        byName.put(key, known);
        return known;
    }

    Optional<Account> find(String scriptName) {
        return Optional.ofNullable(byName.get(scriptName.toLowerCase(Locale.ROOT)));
    }

    /** A command line (or the part of one that is not inside a literal) as the server must see it. */
    String toServer(String line) {
        String mapped = line;
        for (Account a : byName.values()) {
            mapped = Pattern.compile("(?<![\\w@-])" + Pattern.quote(a.scriptName()) + "(?![\\w@-])", Pattern.CASE_INSENSITIVE)
                    .matcher(mapped).replaceAll(m -> Matcher.quoteReplacement(addressKeepingCase(m.group(), a)));
        }
        Matcher login = LOGIN.matcher(mapped);
        if (login.matches()) {
            Optional<Account> account = byAddress(login.group(3));
            if (account.isPresent() && login.group(7).equals(account.get().scriptPassword())) {
                mapped = login.group(1) + login.group(2) + login.group(3) + login.group(4) + login.group(5)
                        + login.group(6) + account.get().password() + login.group(8) + login.group(9);
            }
        }
        Matcher inline = AUTHENTICATE_INLINE.matcher(mapped);
        if (inline.matches()) {
            mapped = inline.group(1) + plainResponseToServer(inline.group(2));
        }
        return mapped;
    }

    /**
     * A SASL PLAIN response (base64 of {@code authzid NUL authcid NUL password}, or the short
     * {@code authcid NUL password} James also accepts) with the names and the password mapped, in the same form.
     */
    String plainResponseToServer(String base64) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return base64;
        }
        String[] parts = decoded.split("\u0000", -1);
        if (parts.length < 2 || parts.length > 3) {
            return base64;
        }
        int authcAt = parts.length - 2;
        Optional<Account> authc = find(parts[authcAt]);
        String password = parts[authcAt + 1];
        if (authc.isPresent() && password.equals(authc.get().scriptPassword())) {
            parts[authcAt + 1] = authc.get().password();
        }
        for (int i = 0; i <= authcAt; i++) {
            parts[i] = find(parts[i]).map(Account::address).orElse(parts[i]);
        }
        return Base64.getEncoder().encodeToString(String.join("\u0000", parts).getBytes(StandardCharsets.UTF_8));
    }

    /** A server line as the script expects it: addresses of this run's accounts become the script names. */
    String toScript(String line) {
        String mapped = line;
        for (Account a : byName.values()) {
            String local = a.address().substring(0, a.address().indexOf('@'));
            String suffix = local.substring(a.scriptName().length());
            mapped = Pattern.compile("(?<![\\w@-])(" + Pattern.quote(a.scriptName()) + ")" + Pattern.quote(suffix + "@" + DOMAIN)
                    + "(?![\\w-])", Pattern.CASE_INSENSITIVE).matcher(mapped).replaceAll("$1");
        }
        return mapped;
    }

    private Optional<Account> byAddress(String address) {
        return byName.values().stream().filter(a -> a.address().equalsIgnoreCase(address)).findFirst();
    }

    /** {@code Boby} becomes {@code Boby-3@localhost}: the case the script wrote is kept. */
    private static String addressKeepingCase(String written, Account a) {
        return written + a.address().substring(a.scriptName().length());
    }

    private static String strongPassword() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return "Mpt-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes) + "-9";
    }
}
