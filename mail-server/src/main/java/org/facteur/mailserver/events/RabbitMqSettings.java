package org.facteur.mailserver.events;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;

/**
 * The RabbitMQ through which several nodes tell each other of mailbox events ({@code FACTEUR_RABBITMQ_URI}, such as
 * {@code amqp://facteur:secret@10.0.0.5:5672/facteur}; {@code amqps://} for TLS, the server's certificate checked
 * against the JVM's authorities and its name; no path, or {@code /} alone, means RabbitMQ's default virtual host
 * {@code /}, also written {@code /%2F}). Its text never shows the password:
 * {@link #toString()} and {@link #safeText()} give scheme, host, port and virtual host only.
 */
public record RabbitMqSettings(URI uri) {
    public RabbitMqSettings {
        Objects.requireNonNull(uri, "uri");
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("amqp") && !scheme.equals("amqps") || uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException(
                    "FACTEUR_RABBITMQ_URI must look like amqp://user:password@host:5672/vhost (or amqps:// for TLS)");
        }
        if ("/".equals(uri.getRawPath())) { // "amqp://host/" names the virtual host "", which RabbitMQ refuses: "/" meant
            String text = uri.toString();
            int slash = text.indexOf('/', scheme.length() + 3); // the one after the authority (none in the authority)
            uri = withoutChar(text, slash);
        }
        try {
            clientFactory(uri); // what the client library will make of it
        } catch (Exception e) { // its messages repeat the user part, password included: not passed on
            throw new IllegalArgumentException("FACTEUR_RABBITMQ_URI cannot be read: it must look like"
                    + " amqp://user:password@host:5672/vhost, with ':', '@' or '/' in the user or password written %3A, %40, %2F");
        }
    }

    private static URI withoutChar(String text, int index) {
        try {
            return new URI(text.substring(0, index) + text.substring(index + 1));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("FACTEUR_RABBITMQ_URI is not a URI; it must look like amqp://user:password@host:5672/vhost");
        }
    }

    /**
     * The client library's connection settings for {@code uri}: with {@code amqps://} the JVM's certificate authorities
     * and a check of the server's name (the library's own {@code setUri} alone would trust any certificate).
     */
    public static com.rabbitmq.client.ConnectionFactory clientFactory(URI uri) throws Exception {
        com.rabbitmq.client.ConnectionFactory factory = new com.rabbitmq.client.ConnectionFactory();
        boolean tls = "amqps".equalsIgnoreCase(uri.getScheme());
        if (tls) {
            factory.useSslProtocol(javax.net.ssl.SSLContext.getDefault()); // before setUri, which then keeps it
        }
        factory.setUri(uri);
        if (tls) {
            factory.enableHostnameVerification();
        }
        return factory;
    }

    /** Reads {@code text}; a wrong one is reported in one sentence that does not repeat it (it may hold a password). */
    public static RabbitMqSettings parse(String text) {
        try {
            return new RabbitMqSettings(new URI(Objects.requireNonNull(text, "text").strip()));
        } catch (URISyntaxException | RuntimeException e) { // the URI's own messages may repeat the password
            if (e instanceof IllegalArgumentException own && own.getMessage() != null
                    && own.getMessage().startsWith("FACTEUR_RABBITMQ_URI")) {
                throw own;
            }
            throw new IllegalArgumentException(
                    "FACTEUR_RABBITMQ_URI is not a URI; it must look like amqp://user:password@host:5672/vhost");
        }
    }

    /** Scheme, host, port and virtual host: what a log may show. */
    public String safeText() {
        int port = uri.getPort() > 0 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("amqps") ? 5671 : 5672;
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return uri.getScheme().toLowerCase(java.util.Locale.ROOT) + "://" + uri.getHost() + ":" + port + path;
    }

    @Override
    public String toString() {
        return "RabbitMqSettings[" + safeText() + "]";
    }
}
