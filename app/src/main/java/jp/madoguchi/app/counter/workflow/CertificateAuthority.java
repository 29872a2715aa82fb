package jp.madoguchi.app.counter.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import jp.madoguchi.cache.CacheFailure;
import jp.madoguchi.common.CounterFailure;
import jp.madoguchi.common.MadoguchiException;

/**
 * The online-only certificate endpoint of sync-protocol.md ({@code POST /v1/certificates}) over HTTPS
 * with mutual TLS, with the workstation's enrolment files. offline-cache's CentralClient does not offer
 * this call, so the workflows carry this small client (same trust anchor, same client key).
 * Thread-safe; every call is synchronous and bounded by the timeout.
 */
public final class CertificateAuthority {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the CA returned: the certificate DER and its notAfter. */
    public record Issued(byte[] certificate, String notAfter) {
    }

    private final HttpClient http;
    private final URI base;
    private final Duration timeout;

    private CertificateAuthority(HttpClient http, URI base, Duration timeout) {
        this.http = http;
        this.base = base;
        this.timeout = timeout;
    }

    /** Builds the client; {@code password} is read, not kept. Unreadable enrolment: MDG-CACHE-011. */
    public static CertificateAuthority open(URI baseUrl, Path keyStore, char[] password, Path caPem, Duration timeout) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keyStore)) {
                ks.load(in, password);
            }
            KeyStore keyPair = KeyStore.getInstance("PKCS12");
            keyPair.load(null, null);
            for (String alias : Collections.list(ks.aliases())) {
                if (ks.isKeyEntry(alias) && ks.getCertificateChain(alias) != null) {
                    keyPair.setKeyEntry(alias, ks.getKey(alias, password), password, ks.getCertificateChain(alias));
                }
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keyPair, password);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            try (InputStream in = Files.newInputStream(caPem)) {
                trust.setCertificateEntry("central-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ssl = SSLContext.getInstance("TLSv1.3");
            ssl.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            SSLParameters params = new SSLParameters();
            params.setProtocols(new String[] {"TLSv1.3"});
            HttpClient http = HttpClient.newBuilder().sslContext(ssl).sslParameters(params).connectTimeout(timeout)
                    .version(HttpClient.Version.HTTP_1_1).build();
            return new CertificateAuthority(http, baseUrl, timeout);
        } catch (IOException | GeneralSecurityException e) {
            throw new MadoguchiException(CacheFailure.ENROLMENT_UNREADABLE, Map.of(), e);
        }
    }

    /**
     * Asks the CA for a certificate. Idempotent by {@code requestId} (a retry after a lost answer gets
     * the same certificate). Unreachable or 5xx: MDG-SYNC-001; a refusal: the counter code it
     * corresponds to (UNDER_15 → MDG-CERT-003, OUTSIDE_RENEWAL_WINDOW → MDG-CERT-001, CARD_NOT_ACTIVE →
     * MDG-CARD-004, CARD_EXPIRED → MDG-CARD-006, ADULT_WARD → MDG-CERT-004), otherwise MDG-FLOW-001.
     */
    public Issued issue(UUID requestId, String cardSerial, String kind, byte[] csr) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("requestId", requestId.toString());
        body.put("cardSerial", cardSerial);
        body.put("kind", kind);
        body.put("csr", Base64.getEncoder().encodeToString(csr));
        HttpResponse<String> r;
        try {
            r = http.send(HttpRequest.newBuilder(base.resolve("/v1/certificates")).timeout(timeout)
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .header("X-Request-Id", UUID.randomUUID().toString())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new MadoguchiException(CounterFailure.SYNC_CENTRAL_NEEDED, Map.of(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MadoguchiException(CounterFailure.SYNC_CENTRAL_NEEDED, Map.of(), e);
        }
        JsonNode answer = parse(r.body());
        if (r.statusCode() == 200 || r.statusCode() == 201) {
            return new Issued(Base64.getDecoder().decode(answer.path("certificate").asText()), answer.path("notAfter").asText());
        }
        if (r.statusCode() >= 500 || r.statusCode() == 429) {
            throw new MadoguchiException(CounterFailure.SYNC_CENTRAL_NEEDED);
        }
        String code = answer.path("code").asText("HTTP_" + r.statusCode());
        throw switch (code) {
            case "UNDER_15" -> new MadoguchiException(CounterFailure.CERT_SIGN_UNDER_15);
            case "ADULT_WARD" -> new MadoguchiException(CounterFailure.CERT_SIGN_ADULT_WARD);
            case "OUTSIDE_RENEWAL_WINDOW" -> new MadoguchiException(CounterFailure.CERT_WINDOW_NOT_OPEN,
                    Map.of("opensOn", "—", "expiry", "—"));
            case "CARD_NOT_ACTIVE" -> new MadoguchiException(CounterFailure.CARD_SUSPENDED);
            case "CARD_EXPIRED" -> new MadoguchiException(CounterFailure.CARD_EXPIRED, Map.of("date", "—"));
            default -> new MadoguchiException(WorkflowFailure.CA_REFUSED, Map.of("reason", code));
        };
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }
}
