package jp.madoguchi.cache;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import jp.madoguchi.cache.protocol.CaseList;
import jp.madoguchi.cache.protocol.ErrorBody;
import jp.madoguchi.cache.protocol.FeedPage;
import jp.madoguchi.common.MadoguchiException;

/**
 * The HTTPS + mutual TLS client for sync-protocol.md, on the JDK HttpClient. The client certificate
 * and key come from the workstation's PKCS#12 (written by enrolment); the only trust anchor is the
 * central CA certificate. TLS 1.3 only; every request has a timeout and an X-Request-Id. The terminal
 * id and office code are read from the certificate (CN and O), so the body and path always match it.
 * Thread-safe.
 */
public final class CentralClient {

    private static final ObjectMapper JSON = CacheStore.JSON;

    private final HttpClient http;
    private final URI base;
    private final Duration timeout;
    private final String terminalId;
    private final String officeCode;

    private CentralClient(HttpClient http, URI base, Duration timeout, String terminalId, String officeCode) {
        this.http = http;
        this.base = base;
        this.timeout = timeout;
        this.terminalId = terminalId;
        this.officeCode = officeCode;
    }

    /**
     * Builds the client from the enrolment files. {@code password} is read, not kept (the caller clears
     * it). An unreadable or wrong enrolment is MDG-CACHE-011.
     */
    public static CentralClient open(URI baseUrl, Path keyStore, char[] password, Path caPem, Duration timeout) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keyStore)) {
                ks.load(in, password);
            }
            // The enrolment PKCS#12 also holds K_issuer as a secret entry; the key manager wants only the key pair.
            KeyStore keyPair = KeyStore.getInstance("PKCS12");
            keyPair.load(null, null);
            X509Certificate client = null;
            for (String alias : java.util.Collections.list(ks.aliases())) {
                if (ks.isKeyEntry(alias) && ks.getCertificateChain(alias) != null) {
                    keyPair.setKeyEntry(alias, ks.getKey(alias, password), password, ks.getCertificateChain(alias));
                    client = (X509Certificate) ks.getCertificateChain(alias)[0];
                }
            }
            if (client == null) {
                throw new GeneralSecurityException("no client certificate in " + keyStore.getFileName());
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
            HttpClient http = HttpClient.newBuilder().sslContext(ssl).sslParameters(params)
                    .connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
            Map<String, String> subject = subject(client);
            return new CentralClient(http, baseUrl, timeout, subject.get("CN"), subject.get("O"));
        } catch (IOException | GeneralSecurityException | InvalidNameException e) {
            throw new MadoguchiException(CacheFailure.ENROLMENT_UNREADABLE, Map.of(), e);
        }
    }

    private static Map<String, String> subject(X509Certificate cert) throws InvalidNameException {
        Map<String, String> parts = new java.util.HashMap<>();
        for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
            parts.put(rdn.getType().toUpperCase(java.util.Locale.ROOT), String.valueOf(rdn.getValue()));
        }
        return parts;
    }

    public String terminalId() {
        return terminalId;
    }

    public String officeCode() {
        return officeCode;
    }

    /** One HTTP answer: status, body text and the Retry-After it carried (0 when none). */
    record Answer(int status, String body, long retryAfterSeconds) {
        ErrorBody error() {
            try {
                return JSON.readValue(body, ErrorBody.class);
            } catch (IOException e) {
                return new ErrorBody("UNREADABLE", body.length() > 200 ? body.substring(0, 200) : body, null, null);
            }
        }
    }

    Answer health() throws IOException, InterruptedException {
        return send(request("/v1/health").GET());
    }

    /**
     * The JSON body of {@code POST /v1/operations}: {@code {"terminalId", "operations": [...]}} with each
     * operation's opId, seq, type, occurredAt, clerkId, supervisorId and basedOn (absent optional fields
     * omitted, settled detail 9) and its payload bytes copied as they were stored, never parsed and written
     * again. Every field comes from the stored entry, never from "now", so a resend of the same entry is the
     * same JSON value (settled detail 3). The caller sends 1..500 operations (central's limit).
     */
    static byte[] body(String terminalId, List<PendingOperation> ops) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(ops.size() * 400 + 64);
        ascii(out, "{\"terminalId\":");
        string(out, terminalId);
        ascii(out, ",\"operations\":[");
        for (int i = 0; i < ops.size(); i++) {
            PendingOperation op = ops.get(i);
            ascii(out, i == 0 ? "{\"opId\":" : ",{\"opId\":");
            string(out, op.opId());
            ascii(out, ",\"seq\":" + op.seq() + ",\"type\":");
            string(out, op.type());
            ascii(out, ",\"occurredAt\":\"" + Instant.ofEpochMilli(op.occurredAt()) + "\"");
            if (op.clerkId() != null) {
                ascii(out, ",\"clerkId\":");
                string(out, op.clerkId());
            }
            if (op.supervisorId() != null) {
                ascii(out, ",\"supervisorId\":");
                string(out, op.supervisorId());
            }
            if (op.basedOnVersion() != null) {
                ascii(out, ",\"basedOn\":{\"cardStatusVersion\":" + op.basedOnVersion() + "}");
            }
            ascii(out, ",\"payload\":");
            out.writeBytes(op.payloadJson());
            out.write('}');
        }
        ascii(out, "]}");
        return out.toByteArray();
    }

    private static void ascii(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** A JSON string, quoted and escaped as Jackson escapes it. */
    private static void string(ByteArrayOutputStream out, String value) {
        out.write('"');
        out.writeBytes(JsonStringEncoder.getInstance().quoteAsUTF8(value));
        out.write('"');
    }

    /** {@code POST /v1/operations} with a body from {@link #body}; blocks until central answers or the timeout. */
    Answer push(byte[] body) throws IOException, InterruptedException {
        return send(pushRequest(body));
    }

    /**
     * The same POST without blocking: the answer (or the IOException) completes the future. The caller
     * keeps at most one push outstanding, so central still receives the batches in seq order.
     */
    java.util.concurrent.CompletableFuture<Answer> pushAsync(byte[] body) {
        return http.sendAsync(pushRequest(body).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .thenApply(CentralClient::answer);
    }

    private HttpRequest.Builder pushRequest(byte[] body) {
        return request("/v1/operations").header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    Answer feed(String checkpoint, int limit) throws IOException, InterruptedException {
        String query = "?limit=" + limit + (checkpoint == null ? "" : "&after=" + URLEncoder.encode(checkpoint, StandardCharsets.UTF_8));
        return send(request("/v1/offices/" + officeCode + "/feed" + query).GET());
    }

    /** Central's follow-up cases for this office (the conflicts it opened). */
    public CaseList cases() throws IOException, InterruptedException {
        Answer a = send(request("/v1/offices/" + officeCode + "/cases").GET());
        if (a.status() != 200) {
            throw new IOException("cases: HTTP " + a.status() + " " + a.error().code());
        }
        return JSON.readValue(a.body(), CaseList.class);
    }

    /** {@code POST .../cases/{caseId}/close} {supervisorId, resolution} (sync-protocol item 14). */
    Answer closeCase(String caseId, String supervisorId, String resolution) throws IOException, InterruptedException {
        Map<String, String> body = new java.util.LinkedHashMap<>();
        body.put("supervisorId", supervisorId);
        body.put("resolution", resolution);
        return postCase(caseId, "close", body);
    }

    /** {@code POST .../cases/{caseId}/notes} {staffId, text} (sync-protocol item 14). */
    Answer noteCase(String caseId, String staffId, String text) throws IOException, InterruptedException {
        Map<String, String> body = new java.util.LinkedHashMap<>();
        body.put("staffId", staffId);
        body.put("text", text);
        return postCase(caseId, "notes", body);
    }

    private Answer postCase(String caseId, String action, Map<String, String> body) throws IOException, InterruptedException {
        String path = "/v1/offices/" + officeCode + "/cases/" + URLEncoder.encode(caseId, StandardCharsets.UTF_8) + "/" + action;
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
    }

    /**
     * Central's answer to a certificate request (sync-protocol "Online-only: certificates"): issued,
     * refused with central's code (item 10: 4xx, nothing issued), or unavailable (429/5xx: nothing
     * applied, item 13; the same requestId may be sent again).
     */
    public sealed interface CertificateAnswer {
        /** The certificate (DER), the CA chain (DER, issuing CA first) and the certificate's notAfter instant. */
        record Issued(byte[] certificate, List<byte[]> chain, String notAfter) implements CertificateAnswer {
        }

        record Refused(int status, String code, String message) implements CertificateAnswer {
        }

        record Unavailable(int status, long retryAfterSeconds) implements CertificateAnswer {
        }
    }

    /**
     * {@code POST /v1/certificates}: asks the CA to certify the key in {@code csr} (DER PKCS#10, signed
     * by that key) for {@code cardSerial}'s {@code kind} ({@code SIGN} or {@code AUTH}). Idempotent by
     * {@code requestId}: a retry after a lost answer gets the same certificate. Online only: an
     * unreachable central is the IOException, never queued. Blocks at most the client's timeout.
     */
    public CertificateAnswer requestCertificate(UUID requestId, String cardSerial, String kind, byte[] csr)
            throws IOException, InterruptedException {
        Map<String, String> body = new java.util.LinkedHashMap<>();
        body.put("requestId", requestId.toString());
        body.put("cardSerial", cardSerial);
        body.put("kind", kind);
        body.put("csr", Base64.getEncoder().encodeToString(csr));
        Answer a = send(request("/v1/certificates").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
        if (a.status() == 200 || a.status() == 201) {
            JsonNode answer = JSON.readTree(a.body());
            List<byte[]> chain = new ArrayList<>();
            answer.path("chain").forEach(c -> chain.add(Base64.getDecoder().decode(c.asText())));
            return new CertificateAnswer.Issued(Base64.getDecoder().decode(answer.path("certificate").asText()), List.copyOf(chain),
                    answer.path("notAfter").asText());
        }
        if (a.status() == 429 || a.status() >= 500) {
            return new CertificateAnswer.Unavailable(a.status(), a.retryAfterSeconds());
        }
        ErrorBody error = a.error();
        return new CertificateAnswer.Refused(a.status(), error.code() == null ? "HTTP_" + a.status() : error.code(), error.message());
    }

    /**
     * The results of a 200 answer to a batch, in the batch's order (settled detail 15), read as a stream:
     * only each result's opId, outcome, originalOutcome, reason, cardStatusVersion and caseId are kept;
     * unknown fields (and {@code ackedSeq}, which the results already imply) are skipped. An answer
     * without a results array is an IOException.
     */
    static List<OperationOutcome> outcomes(Answer a) throws IOException {
        try (JsonParser p = JSON.getFactory().createParser(a.body())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("the answer is not a JSON object");
            }
            List<OperationOutcome> results = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ("results".equals(field) && value == JsonToken.START_ARRAY) {
                    results = new ArrayList<>(OperationOutcome.TYPICAL_BATCH);
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        results.add(outcome(p));
                    }
                } else {
                    p.skipChildren();
                }
            }
            if (results == null) {
                throw new IOException("the answer has no results");
            }
            return results;
        }
    }

    /** One result object, the parser on its START_OBJECT; leaves it on the END_OBJECT. */
    private static OperationOutcome outcome(JsonParser p) throws IOException {
        String opId = null;
        String outcome = null;
        String original = null;
        String reason = null;
        Long version = null;
        String caseId = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (value == JsonToken.VALUE_NULL) {
                continue;
            }
            switch (field) {
                case "opId" -> opId = p.getValueAsString();
                case "outcome" -> outcome = p.getValueAsString();
                case "originalOutcome" -> original = p.getValueAsString();
                case "reason" -> reason = p.getValueAsString();
                case "cardStatusVersion" -> version = p.getValueAsLong();
                case "caseId" -> caseId = p.getValueAsString();
                default -> p.skipChildren();
            }
        }
        return new OperationOutcome(opId, outcome, original, reason, version, caseId);
    }

    static FeedPage feedPage(Answer a) throws IOException {
        return JSON.readValue(a.body(), FeedPage.class);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(timeout)
                .header("X-Request-Id", UUID.randomUUID().toString()).header("Accept", "application/json");
    }

    private Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return answer(http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
    }

    private static Answer answer(HttpResponse<String> r) {
        long retryAfter = r.headers().firstValue("Retry-After").map(CentralClient::seconds).orElse(0L);
        return new Answer(r.statusCode(), r.body(), retryAfter);
    }

    private static long seconds(String header) {
        try {
            return Math.max(0, Long.parseLong(header.trim()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** Clears a password array (callers use it after {@link #open}). */
    public static void clear(char[] password) {
        Arrays.fill(password, '\0');
    }
}
