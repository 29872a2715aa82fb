package jp.madoguchi.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.security.auth.x500.X500Principal;
import jp.madoguchi.sim.central.factory.CardFactory;
import jp.madoguchi.sim.central.faults.FaultSettings;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /v1/certificates} through {@link CentralClient} against the reference central system over
 * mutual TLS: a card without certificates gets one for the key in its CSR (same certificate again for
 * the same requestId), a card whose certificate is years from its window is refused with central's
 * code, and an unavailable central is told apart from a refusal.
 */
class CentralClientCertificateTest {

    @TempDir
    static Path dir;
    static CentralFixture central;
    static CentralClient client;
    static List<CardFactory.Made> cards;
    static KeyPair key;

    @BeforeAll
    static void up() throws Exception {
        central = new CentralFixture(dir);
        client = central.client(Duration.ofSeconds(5));
        cards = new CardFactory(central.system, 7).make(CentralFixture.OFFICE, 11, 0, dir.resolve("cards"));
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        key = g.generateKeyPair();
    }

    @AfterAll
    static void down() throws Exception {
        central.close();
    }

    @Test
    void aCardWithoutCertificates_getsOneForTheCsrsKey_onceByRequestId() throws Exception {
        CardFactory.Made card = cards.stream().filter(CentralClientCertificateTest::noCertificates).findFirst().orElseThrow();
        UUID requestId = UUID.randomUUID();
        byte[] csr = csr("CN=test");
        CentralClient.CertificateAnswer answer = client.requestCertificate(requestId, card.cardSerial(), "AUTH", csr);
        assertThat(answer).isInstanceOf(CentralClient.CertificateAnswer.Issued.class);
        CentralClient.CertificateAnswer.Issued issued = (CentralClient.CertificateAnswer.Issued) answer;
        X509Certificate cert = x509(issued.certificate());
        assertThat(cert.getPublicKey()).isEqualTo(key.getPublic());
        assertThat(issued.chain()).isNotEmpty();
        cert.verify(x509(issued.chain().get(0)).getPublicKey());
        assertThat(Instant.parse(issued.notAfter())).isEqualTo(cert.getNotAfter().toInstant());

        // A lost answer: the same request again gets the same certificate, not a second one.
        var again = (CentralClient.CertificateAnswer.Issued) client.requestCertificate(requestId, card.cardSerial(), "AUTH", csr);
        assertThat(again.certificate()).isEqualTo(issued.certificate());
        CentralClient.CertificateAnswer other = client.requestCertificate(requestId, card.cardSerial(), "AUTH", csr("CN=other"));
        assertThat(((CentralClient.CertificateAnswer.Refused) other).code()).isEqualTo("REQUEST_ID_REUSED");
        // The card now has a live AUTH certificate years from its window.
        CentralClient.CertificateAnswer secondCert = client.requestCertificate(UUID.randomUUID(), card.cardSerial(), "AUTH", csr);
        assertThat(((CentralClient.CertificateAnswer.Refused) secondCert).code()).isEqualTo("OUTSIDE_RENEWAL_WINDOW");
    }

    @Test
    void aCertificateFarFromItsWindow_isRefusedWithCentralsCode() throws Exception {
        CardFactory.Made card = cards.stream().filter(m -> !noCertificates(m) && !m.pinsPreset()).findFirst().orElseThrow();
        CentralClient.CertificateAnswer answer = client.requestCertificate(UUID.randomUUID(), card.cardSerial(), "AUTH", csr("CN=test"));
        assertThat(answer).isInstanceOf(CentralClient.CertificateAnswer.Refused.class);
        CentralClient.CertificateAnswer.Refused r = (CentralClient.CertificateAnswer.Refused) answer;
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.code()).isEqualTo("OUTSIDE_RENEWAL_WINDOW");
    }

    @Test
    void unavailableAndUnreachable_areNotRefusals() throws Exception {
        CardFactory.Made card = cards.get(0);
        central.faults(new FaultSettings(0, 0, 1, 2, 0, 0, false, 0));
        try {
            CentralClient.CertificateAnswer answer = client.requestCertificate(UUID.randomUUID(), card.cardSerial(), "AUTH", csr("CN=test"));
            assertThat(answer).isInstanceOf(CentralClient.CertificateAnswer.Unavailable.class);
            assertThat(((CentralClient.CertificateAnswer.Unavailable) answer).retryAfterSeconds()).isEqualTo(2);
            central.faults(new FaultSettings(0, 0, 0, 1, 0, 0, true, 0));
            assertThatThrownBy(() -> client.requestCertificate(UUID.randomUUID(), card.cardSerial(), "AUTH", csr("CN=test")))
                    .isInstanceOf(IOException.class);
        } finally {
            central.faults(FaultSettings.NONE);
        }
    }

    private static byte[] csr(String subject) throws Exception {
        return new JcaPKCS10CertificationRequestBuilder(new X500Principal(subject), key.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(key.getPrivate())).getEncoded();
    }

    private static X509Certificate x509(byte[] der) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }

    static boolean noCertificates(CardFactory.Made m) {
        try {
            return new ObjectMapper().readTree(m.profile().toFile()).path("certificates").path("auth").isNull();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
