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
            uri = URI.create(uri.toString().substring(0, uri.toString().length() - 1));
        }
        try {
            new com.rabbitmq.client.ConnectionFactory().setUri(uri); // what the client library will make of it
        } catch (Exception e) { // its messages repeat the user part, password included: not passed on
            throw new IllegalArgumentException("FACTEUR_RABBITMQ_URI cannot be read: it must look like"
                    + " amqp://user:password@host:5672/vhost, with ':', '@' or '/' in the user or password written %3A, %40, %2F");
        }
    }

    /** Reads {@code text}; a wrong one is reported in one sentence that does not repeat it (it may hold a password). */
    public static RabbitMqSettings parse(String text) {
        try {
            return new RabbitMqSettings(new URI(Objects.requireNonNull(text, "text").strip()));
        } catch (URISyntaxException e) {
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
