package org.facteur.app.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.facteur.app.backup.BackupProperties;
import org.facteur.mailserver.dns.DnsCheck;
import org.springframework.util.unit.DataSize;

/**
 * {@code facteur admin ...}: talks to the running Facteur through its loopback admin API, found in
 * the data directory ({@code --data-dir}, else {@code FACTEUR_DATA_DIR}, else {@code ./data}).
 * Prints one sentence per outcome; exit code 0 on success, 1 when refused, 2 on usage errors,
 * 3 when the server cannot be reached.
 */
public final class AdminCli {
    static final int OK = 0;
    static final int REFUSED = 1;
    static final int USAGE = 2;
    static final int UNREACHABLE = 3;

    private static final String HELP = """
            Usage: facteur admin [--data-dir DIR] COMMAND
              domain add NAME | domain list | domain remove NAME
              dns DOMAIN [--check]         the DNS records to publish (MX, SPF, DKIM, DMARC, SRV, MTA-STS, TLS-RPT,
                                           autoconfig/autodiscover), zone-file lines; --check resolves each one
                                           (through FACTEUR_DNS_SERVERS when set) and says what is missing or different
              dkim rotate DOMAIN           new DKIM selectors; the old ones stay published for 7 days
              reindex [ADDRESS]            rebuild the search index of one user's mailboxes (all without ADDRESS)
              user add ADDRESS [--password P] | user list | user remove ADDRESS
              user passwd ADDRESS [--password P]
              alias add ALIAS TARGET | alias list | alias remove ALIAS [TARGET]
              quota set ADDRESS --storage SIZE|unlimited [--messages N|unlimited]
              quota show ADDRESS
              list create LIST --owner ADDRESS [--preset discussion|moderated|newsletter|private-working-group]
                          [--moderator ADDRESS]... [--language en|fr] [--no-subscribe-owner]
                                           the owner is also subscribed (receives posts) unless --no-subscribe-owner;
                                           moderators are not: add them with add-member to let them receive posts
              list list | list show LIST | list delete LIST
              list set LIST KEY=VALUE...   (name, description, language, footer, reply-to, max-size,
                                            dmarc, dmarc-poster, copies, archive (off|members|public),
                                            subscribe, unsubscribe, send, review, preset)
              list add-member LIST ADDRESS [--name NAME] [--role subscriber|moderator|owner]
              list remove-member LIST ADDRESS | list members LIST
              list digest LIST             send the list's digest now (when posts wait for it)
              list probe LIST              probe members suspended for bounces now (docs/lists.md)
              pgp enable ADDRESS [--passphrase P] [--encrypt-incoming] [--publish-wkd] [--autocrypt]
              pgp status ADDRESS | pgp export-key ADDRESS [--secret [--passphrase P]]
              pgp import-key ADDRESS FILE|-  | pgp revoke ADDRESS [--passphrase P]
              backup [--to DIR] [--keep-daily N] [--keep-weekly N]
                                           a verified snapshot of the data directory, taken while Facteur runs, into
                                           DIR (default FACTEUR_BACKUP_DIR, else the data directory's name + -backups);
                                           keeps the newest of the last N days (30) and N weeks (8); prints its path last
            Without --password the password is asked for (or read from standard input); the same for --passphrase.
            SIZE accepts units: 500MB, 2GB.""";

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;
    private final InputStream stdin;
    private final ObjectMapper json = new ObjectMapper();

    public AdminCli(PrintStream out, PrintStream err, Map<String, String> env) {
        this(out, err, env, System.in);
    }

    public AdminCli(PrintStream out, PrintStream err, Map<String, String> env, InputStream stdin) {
        this.stdin = stdin;
        this.out = out;
        this.err = err;
        this.env = env;
    }

    public int run(String[] argv) {
        List<String> args = new ArrayList<>(List.of(argv));
        Map<String, String> options = new LinkedHashMap<>();
        try {
            extractOptions(args, options);
        } catch (UsageException e) {
            err.println(e.getMessage());
            return USAGE;
        }
        if (args.isEmpty() || args.get(0).equals("help") || options.containsKey("help")) {
            out.println(HELP);
            return args.isEmpty() && !options.containsKey("help") ? USAGE : OK;
        }
        Path dataDir = Path.of(Optional.ofNullable(options.get("data-dir"))
                .or(() -> Optional.ofNullable(env.get("FACTEUR_DATA_DIR")).filter(s -> !s.isBlank()))
                .orElse("data")).toAbsolutePath();
        if (args.get(0).equals("backup")) {
            options.putIfAbsent("to", BackupProperties.directory(env.get("FACTEUR_BACKUP_DIR"), dataDir).toString());
            options.put("to", Path.of(options.get("to")).toAbsolutePath().normalize().toString());
        }
        try {
            Request request = toRequest(args, options);
            return send(dataDir, request);
        } catch (UsageException e) {
            err.println(e.getMessage());
            err.println("Run 'facteur admin help' for the list of commands.");
            return USAGE;
        }
    }

    /** Options that take no value: present means on. */
    private static final List<String> FLAGS = List.of("encrypt-incoming", "publish-wkd", "autocrypt", "secret", "no-subscribe-owner",
            "check");

    private static void extractOptions(List<String> args, Map<String, String> options) {
        for (int i = 0; i < args.size(); ) {
            String a = args.get(i);
            if (a.equals("--help") || a.equals("-h")) {
                options.put("help", "");
                args.remove(i);
            } else if (a.startsWith("--")) {
                String name = a.substring(2);
                String value;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                    args.remove(i);
                } else if (FLAGS.contains(name)) {
                    value = "true";
                    args.remove(i);
                } else {
                    if (i + 1 >= args.size()) {
                        throw new UsageException("Option --" + name + " needs a value.");
                    }
                    value = args.get(i + 1);
                    args.remove(i);
                    args.remove(i);
                }
                if (!List.of("data-dir", "password", "storage", "messages", "owner", "preset", "moderator", "language",
                        "name", "role", "passphrase", "to", "keep-daily", "keep-weekly").contains(name) && !FLAGS.contains(name)) {
                    throw new UsageException("Unknown option --" + name + ".");
                }
                options.merge(name, value, (first, more) -> first + "," + more);
            } else {
                i++;
            }
        }
    }

    record Request(String method, String path, Object body, String what) {
    }

    private Request toRequest(List<String> a, Map<String, String> o) {
        String noun = a.get(0);
        if (noun.equals("reindex")) {
            if (a.size() > 2) {
                throw new UsageException("Usage: facteur admin reindex [ADDRESS]");
            }
            return new Request("POST", "/search/reindex" + (a.size() == 2 ? "?user=" + enc(a.get(1)) : ""), null, "add");
        }
        if (noun.equals("backup")) {
            if (a.size() > 1) {
                throw new UsageException("Usage: facteur backup [--to DIR] [--keep-daily N] [--keep-weekly N]");
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("to", o.get("to"));
            body.put("keepDaily", keep(o.get("keep-daily"), "--keep-daily"));
            body.put("keepWeekly", keep(o.get("keep-weekly"), "--keep-weekly"));
            return new Request("POST", "/backups", body, "backup");
        }
        if (noun.equals("dns")) {
            return new Request("GET", "/domains/" + enc(one(a.subList(1, a.size()), "DOMAIN")) + "/dns", null,
                    o.containsKey("check") ? "dns-check" : "list");
        }
        String verb = a.size() > 1 ? a.get(1) : "";
        List<String> rest = a.size() > 2 ? a.subList(2, a.size()) : List.of();
        return switch (noun + " " + verb) {
            case "dkim rotate" -> new Request("POST", "/domains/" + enc(one(rest, "DOMAIN")) + "/dkim/rotate", null, "add");
            case "domain add" -> new Request("POST", "/domains", Map.of("name", one(rest, "NAME")), "add");
            case "domain list" -> new Request("GET", "/domains", null, "list");
            case "domain remove" -> new Request("DELETE", "/domains/" + enc(one(rest, "NAME")), null, "remove");
            case "user add" -> {
                String address = one(rest, "ADDRESS");
                yield new Request("POST", "/users", Map.of("address", address, "password", password(o)), "add");
            }
            case "user list" -> new Request("GET", "/users", null, "list");
            case "user remove" -> new Request("DELETE", "/users/" + enc(one(rest, "ADDRESS")), null, "remove");
            case "user passwd" -> {
                String address = one(rest, "ADDRESS");
                yield new Request("PUT", "/users/" + enc(address) + "/password", Map.of("password", password(o)), "passwd");
            }
            case "alias add" -> {
                if (rest.size() != 2) {
                    throw new UsageException("Usage: facteur admin alias add ALIAS TARGET");
                }
                yield new Request("POST", "/aliases", Map.of("alias", rest.get(0), "target", rest.get(1)), "add");
            }
            case "alias list" -> new Request("GET", "/aliases", null, "aliases");
            case "alias remove" -> {
                if (rest.isEmpty() || rest.size() > 2) {
                    throw new UsageException("Usage: facteur admin alias remove ALIAS [TARGET]");
                }
                yield new Request("DELETE", "/aliases/" + enc(rest.get(0))
                        + (rest.size() == 2 ? "?target=" + enc(rest.get(1)) : ""), null, "remove");
            }
            case "quota set" -> {
                String address = one(rest, "ADDRESS");
                if (!o.containsKey("storage")) {
                    throw new UsageException("Usage: facteur admin quota set ADDRESS --storage SIZE [--messages N]");
                }
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("storage", size(o.get("storage")));
                body.put("messages", count(o.getOrDefault("messages", "unlimited")));
                yield new Request("PUT", "/quotas/" + enc(address), body, "quota");
            }
            case "quota show" -> new Request("GET", "/quotas/" + enc(one(rest, "ADDRESS")), null, "quota-show");
            case "list create" -> {
                if (!o.containsKey("owner")) {
                    throw new UsageException("Usage: facteur admin list create LIST --owner ADDRESS [--preset P] [--moderator M]"
                            + " [--no-subscribe-owner]");
                }
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("address", one(rest, "LIST"));
                body.put("preset", o.getOrDefault("preset", "discussion"));
                body.put("owner", o.get("owner"));
                body.put("moderators", o.containsKey("moderator") ? List.of(o.get("moderator").split(",")) : List.of());
                body.put("language", o.getOrDefault("language", "en"));
                body.put("subscribeOwner", !o.containsKey("no-subscribe-owner"));
                yield new Request("POST", "/lists", body, "add");
            }
            case "list list" -> new Request("GET", "/lists", null, "list");
            case "list show" -> new Request("GET", "/lists/" + enc(one(rest, "LIST")), null, "fields");
            case "list delete" -> new Request("DELETE", "/lists/" + enc(one(rest, "LIST")), null, "remove");
            case "list set" -> {
                if (rest.size() < 2) {
                    throw new UsageException("Usage: facteur admin list set LIST KEY=VALUE...");
                }
                Map<String, String> changes = new LinkedHashMap<>();
                for (String change : rest.subList(1, rest.size())) {
                    int eq = change.indexOf('=');
                    if (eq <= 0) {
                        throw new UsageException("'" + change + "' is not KEY=VALUE.");
                    }
                    changes.put(change.substring(0, eq), change.substring(eq + 1));
                }
                yield new Request("PATCH", "/lists/" + enc(rest.get(0)), changes, "add");
            }
            case "list add-member" -> {
                if (rest.size() != 2) {
                    throw new UsageException("Usage: facteur admin list add-member LIST ADDRESS [--name NAME] [--role ROLE]");
                }
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("address", rest.get(1));
                body.put("name", o.getOrDefault("name", ""));
                body.put("role", o.getOrDefault("role", "subscriber"));
                yield new Request("POST", "/lists/" + enc(rest.get(0)) + "/members", body, "add");
            }
            case "list remove-member" -> {
                if (rest.size() != 2) {
                    throw new UsageException("Usage: facteur admin list remove-member LIST ADDRESS");
                }
                yield new Request("DELETE", "/lists/" + enc(rest.get(0)) + "/members/" + enc(rest.get(1)), null, "remove");
            }
            case "list members" -> new Request("GET", "/lists/" + enc(one(rest, "LIST")) + "/members", null, "members");
            case "list digest" -> new Request("POST", "/lists/" + enc(one(rest, "LIST")) + "/digest", null, "add");
            case "list probe" -> new Request("POST", "/lists/" + enc(one(rest, "LIST")) + "/probe", null, "probe");
            case "pgp enable" -> {
                String address = one(rest, "ADDRESS");
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("passphrase", passphrase(o));
                body.put("encryptIncoming", o.containsKey("encrypt-incoming"));
                body.put("publishWkd", o.containsKey("publish-wkd"));
                body.put("autocrypt", o.containsKey("autocrypt"));
                yield new Request("POST", "/pgp/" + enc(address), body, "add");
            }
            case "pgp status" -> new Request("GET", "/pgp/" + enc(one(rest, "ADDRESS")), null, "fields");
            case "pgp export-key" -> {
                String address = one(rest, "ADDRESS");
                yield o.containsKey("secret")
                        ? new Request("POST", "/pgp/" + enc(address) + "/secret-key", Map.of("passphrase", passphrase(o)), "key")
                        : new Request("GET", "/pgp/" + enc(address) + "/key", null, "key");
            }
            case "pgp import-key" -> {
                if (rest.size() != 2) {
                    throw new UsageException("Usage: facteur admin pgp import-key ADDRESS FILE|-");
                }
                yield new Request("PUT", "/pgp/" + enc(rest.get(0)) + "/key",
                        Map.of("key", Base64.getEncoder().encodeToString(keyFile(rest.get(1)))), "add");
            }
            case "pgp revoke" -> new Request("POST", "/pgp/" + enc(one(rest, "ADDRESS")) + "/revoke",
                    Map.of("passphrase", passphrase(o)), "add");
            default -> throw new UsageException("Unknown command '" + String.join(" ", a) + "'.");
        };
    }

    private int send(Path dataDir, Request r) {
        String base;
        String token;
        try {
            base = Files.readString(dataDir.resolve("admin/endpoint"), StandardCharsets.UTF_8).strip();
            token = Files.readString(dataDir.resolve("admin/token"), StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            err.println("No running Facteur found in " + dataDir
                    + ": start it with './facteur start', or point to its data with --data-dir or FACTEUR_DATA_DIR.");
            return UNREACHABLE;
        } catch (IOException e) {
            err.println("Cannot read the admin credentials in " + dataDir + "/admin: " + e.getMessage());
            return UNREACHABLE;
        }
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/admin/api" + r.path()))
                    .timeout(r.what().equals("backup") ? Duration.ofHours(12) : Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + token)
                    .header("Accept", "application/json");
            if (r.body() != null) {
                b.header("Content-Type", "application/json")
                        .method(r.method(), HttpRequest.BodyPublishers.ofString(json.writeValueAsString(r.body())));
            } else {
                b.method(r.method(), HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<String> resp = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = resp.body().isBlank() ? json.nullNode() : json.readTree(resp.body());
            if (resp.statusCode() >= 400) {
                String message = body.hasNonNull("error") ? body.get("error").asText()
                        : "The server refused the request (HTTP " + resp.statusCode() + ").";
                err.println(message);
                // A wrong token is a refusal (exit 1), not an unreachable server: the server answered.
                return resp.statusCode() == 503 ? UNREACHABLE : REFUSED;
            }
            return r.what().equals("dns-check") ? checkDns(body) : print(r.what(), body);
        } catch (ConnectException e) {
            err.println("Facteur is not running (nothing answers at " + base + "): start it with './facteur start'.");
            return UNREACHABLE;
        } catch (IOException e) {
            err.println("Cannot talk to Facteur at " + base + ": " + e.getMessage());
            return UNREACHABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return UNREACHABLE;
        }
    }

    /**
     * {@code dns DOMAIN --check}: each printed record resolved here, through {@code FACTEUR_DNS_SERVERS} (comma-separated
     * {@code host[:port]}) or the system's resolvers; exit 1 when one is missing, different or unanswered.
     */
    private int checkDns(JsonNode body) {
        List<String> records = new ArrayList<>();
        body.forEach(n -> records.add(n.asText()));
        List<DnsCheck.Finding> findings;
        try {
            findings = DnsCheck.check(records, DnsCheck.through(env.get("FACTEUR_DNS_SERVERS"), Duration.ofSeconds(5)));
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return USAGE;
        }
        findings.forEach(f -> out.println(f.line()));
        long wrong = findings.stream().filter(f -> f.verdict() != DnsCheck.Verdict.OK).count();
        if (wrong == 0) {
            out.println("All " + findings.size() + " records are published as printed.");
            return OK;
        }
        out.println(wrong + " of " + findings.size() + " records are not published as printed: publish the lines of"
                + " 'facteur admin dns' (changes can take the records' TTL, an hour, to be seen).");
        return REFUSED;
    }

    private int print(String what, JsonNode body) {
        switch (what) {
            case "list" -> body.forEach(n -> out.println(n.asText()));
            case "key" -> out.print(body.path("key").asText());
            case "fields" -> body.fields().forEachRemaining(e -> out.println(e.getKey() + ": " + e.getValue().asText()));
            case "members" -> body.forEach(n -> out.println(n.path("address").asText() + "  " + n.path("roles").asText()
                    + "  " + n.path("reception").asText() + (n.path("name").asText().isEmpty() ? "" : "  (" + n.path("name").asText() + ")")));
            case "aliases" -> body.fields().forEachRemaining(e ->
                    e.getValue().forEach(t -> out.println(e.getKey() + " -> " + t.asText())));
            case "backup" -> {
                out.printf("Snapshot written and verified: %d files, %s, in %.1f s.%n", body.path("files").asInt(),
                        human(body.path("bytes").asLong()), body.path("millis").asLong() / 1000.0);
                body.path("removed").forEach(n -> out.println("Removed by retention: " + n.asText()));
                JsonNode offsite = body.path("offsite");
                if (offsite.path("copied").asBoolean()) {
                    out.println("Copied off-site to the restic repository " + offsite.path("repository").asText()
                            + " as snapshot " + offsite.path("detail").asText() + ".");
                } else if (!offsite.isMissingNode()) {
                    err.println("The snapshot is good, but its off-site copy failed: " + offsite.path("detail").asText());
                }
                out.println(body.path("path").asText());
                if (!offsite.isMissingNode() && !offsite.path("copied").asBoolean()) {
                    return REFUSED;
                }
            }
            case "quota-show" -> out.println("storage " + human(body.get("storageUsed").asLong()) + " of "
                    + limit(body.get("storageLimit").asLong(), true) + ", messages "
                    + body.get("messagesUsed").asLong() + " of " + limit(body.get("messagesLimit").asLong(), false));
            default -> out.println(body.path("result").asText("Done."));
        }
        return OK;
    }

    private static String limit(long v, boolean bytes) {
        return v < 0 ? "unlimited" : bytes ? human(v) : Long.toString(v);
    }

    private static String human(long bytes) {
        if (bytes >= 1L << 30) {
            return String.format("%.1f GB", bytes / (double) (1L << 30));
        }
        if (bytes >= 1L << 20) {
            return String.format("%.1f MB", bytes / (double) (1L << 20));
        }
        if (bytes >= 1L << 10) {
            return String.format("%.1f KB", bytes / (double) (1L << 10));
        }
        return bytes + " B";
    }

    private String password(Map<String, String> o) {
        if (o.containsKey("password")) {
            return o.get("password");
        }
        Console console = System.console();
        if (console != null) {
            char[] first = console.readPassword("Password: ");
            char[] again = console.readPassword("Again: ");
            if (first == null || again == null || !new String(first).equals(new String(again))) {
                throw new UsageException("The two passwords differ.");
            }
            return new String(first);
        }
        return lineFromStdin("password");
    }

    private String passphrase(Map<String, String> o) {
        if (o.containsKey("passphrase")) {
            return o.get("passphrase");
        }
        Console console = System.console();
        if (console != null) {
            char[] typed = console.readPassword("Passphrase of the OpenPGP key: ");
            return typed == null ? "" : new String(typed);
        }
        return lineFromStdin("passphrase");
    }

    /** A secret given as one line on standard input (scripts), for --password or --passphrase. */
    private String lineFromStdin(String what) {
        try {
            String line = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)).readLine();
            if (line == null || line.isEmpty()) {
                throw new UsageException("A " + what + " is needed: --" + what + " P, or one line on standard input.");
            }
            return line;
        } catch (IOException e) {
            throw new UsageException("Cannot read the " + what + " from standard input.");
        }
    }

    private byte[] keyFile(String file) {
        try {
            return file.equals("-") ? stdin.readAllBytes() : Files.readAllBytes(Path.of(file));
        } catch (IOException e) {
            throw new UsageException("Cannot read the key from " + file + ": " + e.getMessage());
        }
    }

    private static Long size(String v) {
        if (v.equalsIgnoreCase("unlimited") || v.equalsIgnoreCase("none")) {
            return null;
        }
        try {
            return DataSize.parse(v.toUpperCase().replace("IB", "B")).toBytes();
        } catch (IllegalArgumentException e) {
            throw new UsageException("'" + v + "' is not a size: use e.g. 500MB or 2GB or unlimited.");
        }
    }

    private static Integer keep(String v, String option) {
        if (v == null) {
            return null;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new UsageException(option + " takes a number of snapshots, not '" + v + "'.");
        }
    }

    private static Long count(String v) {
        if (v.equalsIgnoreCase("unlimited") || v.equalsIgnoreCase("none")) {
            return null;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new UsageException("'" + v + "' is not a number of messages.");
        }
    }

    private static String one(List<String> rest, String name) {
        if (rest.size() != 1) {
            throw new UsageException("Expected exactly one " + name + ".");
        }
        return rest.get(0);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
