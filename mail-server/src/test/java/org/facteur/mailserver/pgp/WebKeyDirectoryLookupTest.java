package org.facteur.mailserver.pgp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import org.facteur.mailserver.outbound.HttpsGet;
import org.facteur.mailserver.outbound.OutboundTrust;
import org.facteur.mailserver.outbound.PublicAddressesOnly;
import org.facteur.mailserver.outbound.TestCertificates;
import org.facteur.pgp.Certificate;
import org.facteur.pgp.KeySpec;
import org.facteur.pgp.OpenPgp;
import org.facteur.pgp.wkd.WebKeyDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Web Key Directory lookup against a real local HTTPS server serving keys under the advanced and the direct paths,
 * with a certificate from a test CA (the port is injected; the server uses 443).
 */
class WebKeyDirectoryLookupTest {
    static final TestCertificates CA = TestCertificates.authority("Facteur WKD test CA");
    static final OpenPgp PGP = new OpenPgp();
    static final Certificate DANA = PGP.generateKey(KeySpec.forMailbox("Dana", "Dana@wkd.test"), "dana dana".toCharArray())
            .secretKey().certificate();
    static final Certificate EVE = PGP.generateKey(KeySpec.forMailbox("Eve", "eve@elsewhere.test"), "eve eve eve".toCharArray())
            .secretKey().certificate();

    @TempDir
    Path dir;
    HttpsServer server;
    /** Path and query → body served with 200; anything else 404. */
    final Map<String, byte[]> served = new ConcurrentHashMap<>();
    final List<String> asked = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        server.setHttpsConfigurator(new HttpsConfigurator(
                CA.issue("openpgpkey.wkd.test", "direct.test", "openpgpkey.garbage.test").serverContext()));
        server.createContext("/.well-known/openpgpkey/", exchange -> {
            String wanted = exchange.getRequestURI().getRawPath() + "?" + exchange.getRequestURI().getRawQuery();
            asked.add(exchange.getRequestHeaders().getFirst("Host") + wanted);
            byte[] body = served.get(wanted);
            exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                if (body != null) {
                    out.write(body);
                }
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    /** Hosts of the test: openpgpkey.wkd.test, direct.test and openpgpkey.garbage.test exist, nothing else. */
    private WebKeyDirectoryLookup lookup(HttpsGet.Resolver resolver) throws IOException {
        HttpsGet https = new HttpsGet(resolver, OutboundTrust.of(Optional.of(CA.writePem(dir.resolve("ca.pem")))).context(),
                server.getAddress().getPort(), Duration.ofSeconds(5), WebKeyDirectoryLookup.MAX_BYTES);
        return new WebKeyDirectoryLookup(https, Clock.systemUTC());
    }

    private static List<InetAddress> testHosts(String host) throws UnknownHostException {
        if (List.of("openpgpkey.wkd.test", "direct.test", "openpgpkey.garbage.test").contains(host)) {
            return List.of(InetAddress.getLoopbackAddress());
        }
        throw new UnknownHostException("No address for " + host);
    }

    @Test
    void theAdvancedMethodFindsTheKeyForTheAddressAmongOthersServed() throws Exception {
        byte[] both = concat(EVE.binary(), DANA.binary());
        served.put(WebKeyDirectory.advancedPath("dana@wkd.test"), both);
        Optional<Certificate> found = lookup(WebKeyDirectoryLookupTest::testHosts).find("dana@wkd.test");
        assertThat(found).map(Certificate::fingerprint).contains(DANA.fingerprint());
        assertThat(found.orElseThrow().hasUserIdFor("dana@wkd.test")).isTrue();
        assertThat(asked).containsExactly("openpgpkey.wkd.test" + WebKeyDirectory.advancedPath("dana@wkd.test"));
    }

    @Test
    void withoutTheOpenpgpkeyHostTheDirectMethodIsUsed() throws Exception {
        Certificate direct = PGP.generateKey(KeySpec.forMailbox(null, "lou@direct.test"), "lou lou lou".toCharArray())
                .secretKey().certificate();
        served.put(WebKeyDirectory.directPath("lou@direct.test"), direct.binary());
        assertThat(lookup(WebKeyDirectoryLookupTest::testHosts).find("lou@direct.test")).map(Certificate::fingerprint)
                .contains(direct.fingerprint());
        assertThat(asked).containsExactly("direct.test" + WebKeyDirectory.directPath("lou@direct.test"));
    }

    @Test
    void noKeyForTheAddressIsAnEmptyAnswer() throws Exception {
        assertThat(lookup(WebKeyDirectoryLookupTest::testHosts).find("nobody@wkd.test")).as("404").isEmpty();
        served.put(WebKeyDirectory.advancedPath("mallory@wkd.test"), EVE.binary());
        assertThat(lookup(WebKeyDirectoryLookupTest::testHosts).find("mallory@wkd.test"))
                .as("a key for another address is not one for this address").isEmpty();
    }

    @Test
    void whatIsNotAKeyAndDomainsWithoutAnyHostAreRefusedWithASentence() throws Exception {
        served.put(WebKeyDirectory.advancedPath("zed@garbage.test"), "<html>not a key</html>".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> lookup(WebKeyDirectoryLookupTest::testHosts).find("zed@garbage.test"))
                .isInstanceOf(WebKeyDirectoryLookup.LookupFailure.class)
                .hasMessage("The Web Key Directory of garbage.test served something that is not an OpenPGP key.");
        assertThatThrownBy(() -> lookup(WebKeyDirectoryLookupTest::testHosts).find("someone@unknown.test"))
                .isInstanceOf(WebKeyDirectoryLookup.LookupFailure.class)
                .hasMessage("unknown.test has no Web Key Directory (no such host).");
    }

    @Test
    void aDomainThatIsNotAHostNameIsNeverAsked() throws Exception {
        for (String address : List.of("x@wkd.test?l=", "x@[127.0.0.1]", "x@wkd.test%0d%0aX-Injected:1", "x@wkd..test", "x@-wkd.test")) {
            assertThatThrownBy(() -> lookup(WebKeyDirectoryLookupTest::testHosts).find(address)).as(address)
                    .isInstanceOf(WebKeyDirectoryLookup.LookupFailure.class).hasMessageContaining("is not a domain name");
        }
        assertThat(asked).isEmpty();
        assertThat(WebKeyDirectoryLookup.hostName("Exemple.BE")).isEqualTo("exemple.be");
        assertThat(WebKeyDirectoryLookup.hostName("crèche.be")).isEqualTo("xn--crche-5ra.be");
    }

    @Test
    void withPublicAddressesOnlyALoopbackDirectoryIsNeverAsked() throws Exception {
        served.put(WebKeyDirectory.advancedPath("dana@wkd.test"), DANA.binary());
        WebKeyDirectoryLookup guarded = lookup(new PublicAddressesOnly(WebKeyDirectoryLookupTest::testHosts));
        assertThatThrownBy(() -> guarded.find("dana@wkd.test")).isInstanceOf(WebKeyDirectoryLookup.LookupFailure.class)
                .hasMessageContaining("openpgpkey.wkd.test has no public address (127.0.0.1)");
        assertThat(asked).isEmpty();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
