package jp.madoguchi.app.counter.workflow;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import jp.madoguchi.cache.CentralClient;
import jp.madoguchi.common.CounterFailure;
import jp.madoguchi.common.MadoguchiException;

/**
 * The CA as the workflows see it: one call that gives a certificate or a counter code. The HTTPS and
 * mutual-TLS work is {@link CentralClient}'s ({@code POST /v1/certificates}, sync-protocol.md); this
 * type only maps central's answer onto the codes of counter-rules §2.0. Thread-safe (the client is);
 * every call is synchronous and bounded by the client's timeout.
 */
public final class CertificateAuthority {

    /** What the CA returned: the certificate DER and its notAfter. */
    public record Issued(byte[] certificate, String notAfter) {
    }

    private final CentralClient client;

    private CertificateAuthority(CentralClient client) {
        this.client = client;
    }

    /**
     * Opens a client of its own from the workstation's enrolment files; {@code password} is read, not
     * kept. Unreadable enrolment: MDG-CACHE-011.
     */
    public static CertificateAuthority open(URI baseUrl, Path keyStore, char[] password, Path caPem, Duration timeout) {
        return new CertificateAuthority(CentralClient.open(baseUrl, keyStore, password, caPem, timeout));
    }

    /** Over the client the sync engine already uses (one TLS setup per workstation). */
    public static CertificateAuthority over(CentralClient client) {
        return new CertificateAuthority(client);
    }

    /**
     * Asks the CA for a certificate. Idempotent by {@code requestId} (a retry after a lost answer gets
     * the same certificate). Unreachable, 429 or 5xx: MDG-SYNC-001; a refusal: the counter code it
     * corresponds to (UNDER_15 → MDG-CERT-003, OUTSIDE_RENEWAL_WINDOW → MDG-CERT-001, CARD_NOT_ACTIVE →
     * MDG-CARD-004, CARD_EXPIRED → MDG-CARD-006, ADULT_WARD → MDG-CERT-004), otherwise MDG-FLOW-001.
     */
    public Issued issue(UUID requestId, String cardSerial, String kind, byte[] csr) {
        CentralClient.CertificateAnswer answer;
        try {
            answer = client.requestCertificate(requestId, cardSerial, kind, csr);
        } catch (IOException e) {
            throw new MadoguchiException(CounterFailure.SYNC_CENTRAL_NEEDED, Map.of(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MadoguchiException(CounterFailure.SYNC_CENTRAL_NEEDED, Map.of(), e);
        }
        if (answer instanceof CentralClient.CertificateAnswer.Issued i) {
            return new Issued(i.certificate(), i.notAfter());
        }
        if (answer instanceof CentralClient.CertificateAnswer.Refused r) {
            throw refusal(r.code());
        }
        throw new MadoguchiException(CounterFailure.SYNC_CENTRAL_NEEDED);
    }

    private static MadoguchiException refusal(String code) {
        return switch (code) {
            case "UNDER_15" -> new MadoguchiException(CounterFailure.CERT_SIGN_UNDER_15);
            case "ADULT_WARD" -> new MadoguchiException(CounterFailure.CERT_SIGN_ADULT_WARD);
            case "OUTSIDE_RENEWAL_WINDOW" -> new MadoguchiException(CounterFailure.CERT_WINDOW_NOT_OPEN,
                    Map.of("opensOn", "—", "expiry", "—"));
            case "CARD_NOT_ACTIVE" -> new MadoguchiException(CounterFailure.CARD_SUSPENDED);
            case "CARD_EXPIRED" -> new MadoguchiException(CounterFailure.CARD_EXPIRED, Map.of("date", "—"));
            default -> new MadoguchiException(WorkflowFailure.CA_REFUSED, Map.of("reason", code));
        };
    }
}
