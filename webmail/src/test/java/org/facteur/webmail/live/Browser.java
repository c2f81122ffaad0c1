package org.facteur.webmail.live;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A member's browser without JavaScript: cookies, redirects, the login form with its CSRF token. */
public final class Browser {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private final String base;
    private final HttpClient http;

    private final CookieManager cookies;

    Browser(String base) {
        this(base, new CookieManager());
    }

    private Browser(String base, CookieManager cookies) {
        this.base = base;
        this.cookies = cookies;
        this.http = HttpClient.newBuilder().cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(10)).build();
    }

    /**
     * The same browser (its cookies) sent to another webmail node, as a load balancer does: cookies of 127.0.0.1
     * go to every port of it.
     */
    public Browser sentTo(RunningWebmail node) {
        return new Browser("http://127.0.0.1:" + node.port(), cookies);
    }

    /** The browser's cookies for this webmail (name to value). */
    public java.util.Map<String, String> cookies() {
        java.util.Map<String, String> byName = new java.util.TreeMap<>();
        cookies.getCookieStore().get(URI.create(base)).forEach(c -> byName.put(c.getName(), c.getValue()));
        return byName;
    }

    /** A browser that has only the cookies named (to play one that lost the others). */
    public Browser keepingOnly(String... names) {
        CookieManager kept = new CookieManager();
        java.util.Set<String> wanted = java.util.Set.of(names);
        URI uri = URI.create(base);
        cookies.getCookieStore().get(uri).stream().filter(c -> wanted.contains(c.getName()))
                .forEach(c -> kept.getCookieStore().add(uri, c));
        return new Browser(base, kept);
    }

    /** Posts a form (application/x-www-form-urlencoded) with the CSRF token found on {@code formPage}. */
    public HttpResponse<String> postForm(String path, java.util.Map<String, String> fields, String formPage)
            throws IOException, InterruptedException {
        Matcher token = CSRF.matcher(formPage);
        if (!token.find()) {
            throw new IllegalStateException("no CSRF token on the page");
        }
        StringBuilder body = new StringBuilder("_csrf=").append(enc(token.group(1)));
        fields.forEach((k, v) -> body.append('&').append(enc(k)).append('=').append(enc(v)));
        return http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept-Language", "en")
                .timeout(Duration.ofSeconds(120)).POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Logs in with the form, as a person does; fails unless it lands on the message list. */
    public Browser logIn(String address, String password) throws IOException, InterruptedException {
        HttpResponse<String> form = get("/login");
        Matcher token = CSRF.matcher(form.body());
        if (!token.find()) {
            throw new IllegalStateException("no CSRF token on the login page");
        }
        String body = "username=" + enc(address) + "&password=" + enc(password) + "&_csrf=" + enc(token.group(1));
        HttpResponse<String> after = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept-Language", "en")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (!after.uri().getPath().equals("/mail")) {
            throw new IllegalStateException("login of " + address + " ended on " + after.uri());
        }
        return this;
    }

    /** GET {@code pathAndQuery} in English. */
    public HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return get(pathAndQuery, "en");
    }

    public HttpResponse<String> get(String pathAndQuery, String language) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).header("Accept-Language", language)
                .timeout(Duration.ofSeconds(120)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Posts {@code fields} as multipart/form-data to {@code path} (as the compose page does), with the CSRF
     * token found on {@code formPage}.
     */
    public HttpResponse<String> postMultipart(String path, java.util.Map<String, String> fields, String formPage)
            throws IOException, InterruptedException {
        Matcher token = CSRF.matcher(formPage);
        if (!token.find()) {
            throw new IllegalStateException("no CSRF token on the page");
        }
        String boundary = "----browser" + System.nanoTime();
        StringBuilder body = new StringBuilder();
        for (var field : fields.entrySet()) {
            body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(field.getKey())
                    .append("\"\r\n\r\n").append(field.getValue()).append("\r\n");
        }
        body.append("--").append(boundary).append("--\r\n");
        return http.send(HttpRequest.newBuilder(URI.create(base + path + (path.contains("?") ? "&" : "?") + "_csrf="
                        + enc(token.group(1))))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).header("Accept-Language", "en")
                .timeout(Duration.ofSeconds(120))
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
