package jp.madoguchi.sim.central;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import jp.madoguchi.sim.central.CentralTestServer.Answer;
import jp.madoguchi.sim.central.domain.CentralRecords;
import jp.madoguchi.sim.central.pki.CertKind;
import jp.madoguchi.sim.central.pki.Certificates;
import jp.madoguchi.sim.central.pki.JpkiAuthority;
import jp.madoguchi.sim.central.pki.ValidityRules;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.ASN1UTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** POST /v1/certificates, the CRLs and the card-spec §4 profiles, checked with the JDK's own PKIX validator. */
class CertificateAuthorityTest {

    @TempDir
    static Path dir;
    static MutableClock clock = new MutableClock(Instant.parse("2026-11-25T00:00:00Z"));
    static CentralTestServer central;
    static HttpClient client;
    static KeyPair key;
    static KeyPair otherKey;

    @BeforeAll
    static void start() throws Exception {
        central = new CentralTestServer(dir, clock);
        client = CentralTestServer.client(central.enrol("131016", "MUNICIPAL", "T01"));
        key = Certificates.rsa2048();
        otherKey = Certificates.rsa2048();
        card("100000000000101", "ACTIVE", "1990-05-05", "試験　花子", 2);
        card("100000000000102", "ACTIVE", LocalDate.of(2011, 11, 26).toString(), "見本　太郎", 1);
        card("100000000000103", "SUSPENDED", "1980-01-10", "模擬　一郎", 1);
        card("100000000000104", "ACTIVE", "1985-03-03", "\uD842\uDFB7田　花子", 2);
    }

    @AfterAll
    static void stop() throws Exception {
        central.close();
    }

    private static void card(String serial, String status, String birth, String name, int sex) throws Exception {
        ObjectNode resident = Json.object().put("name", name).put("birthDate", birth).put("sex", sex)
                .put("address", "模擬県見本市試験町１－２－３").put("prefectureRomaji", "Mogi").put("cityRomaji", "Mihon");
        central.system.database().write(c -> {
            CentralRecords.insertCard(c, new CentralRecords.Card(serial, "131016", null, status, null, 1, birth, "2035-05-05",
                    "2025-06-01", false, false, false, false, Json.write(resident)));
            return null;
        });
    }

    private static String csr(KeyPair subject, KeyPair signer) throws Exception {
        var req = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=ignored"), subject.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(signer.getPrivate()));
        return Base64.getEncoder().encodeToString(req.getEncoded());
    }

    private static Answer request(String requestId, String card, String kind, String csr) throws Exception {
        return central.post(client, "/v1/certificates", Json.object().put("requestId", requestId).put("cardSerial", card)
                .put("kind", kind).put("csr", csr));
    }

    private static X509Certificate certificate(JsonNode body, String field) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(body.get(field).asText())));
    }

    @Test
    void refusals_carry_codes() throws Exception {
        Answer wrongKey = request(UUID.randomUUID().toString(), "100000000000101", "AUTH", csr(key, otherKey));
        assertThat(wrongKey.status()).isEqualTo(422);
        assertThat(wrongKey.body().get("code").asText()).isEqualTo("BAD_CSR_SIGNATURE");
        Answer suspended = request(UUID.randomUUID().toString(), "100000000000103", "AUTH", csr(key, key));
        assertThat(suspended.body().get("code").asText()).isEqualTo("CARD_NOT_ACTIVE");
        Answer fourteen = request(UUID.randomUUID().toString(), "100000000000102", "SIGN", csr(key, key));
        assertThat(fourteen.status()).isEqualTo(422);
        assertThat(fourteen.body().get("code").asText()).isEqualTo("UNDER_15");
        assertThat(request(UUID.randomUUID().toString(), "999", "AUTH", csr(key, key)).body().get("code").asText())
                .isEqualTo("CARD_NOT_FOUND");
        assertThat(request(UUID.randomUUID().toString(), "100000000000101", "AUTH", "bm90IGEgY3Ny").body().get("code").asText())
                .isEqualTo("BAD_CSR");
    }

    @Test
    void the_day_before_the_15th_birthday_is_still_under_15_and_the_birthday_is_not() throws Exception {
        card("100000000000105", "ACTIVE", "2011-11-25", "見本　次郎", 1);
        assertThat(request(UUID.randomUUID().toString(), "100000000000105", "SIGN", csr(key, key)).status()).isEqualTo(200);
    }

    @Test
    void a_sign_certificate_validates_with_pkix_and_carries_the_profile() throws Exception {
        String requestId = UUID.randomUUID().toString();
        String csr = csr(key, key);
        Answer a = request(requestId, "100000000000101", "SIGN", csr);
        assertThat(a.status()).as(String.valueOf(a.body())).isEqualTo(200);
        X509Certificate cert = certificate(a.body(), "certificate");
        X509Certificate ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(Base64.getDecoder().decode(a.body().get("chain").get(0).asText())));
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
        params.setRevocationEnabled(false);
        // The JPKI profile marks certificatePolicies critical and carries a CPS qualifier (card-spec §4);
        // the JDK rejects that by default, so every JPKI relying party must turn this off.
        params.setPolicyQualifiersRejected(false);
        params.setDate(Date.from(clock.instant().plusSeconds(60)));
        CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(List.of(cert)), params);

        assertThat(cert.getPublicKey()).isEqualTo(key.getPublic());
        assertThat(cert.getKeyUsage()[0]).isTrue();
        assertThat(cert.getKeyUsage()[1]).isTrue();
        assertThat(cert.getCriticalExtensionOIDs()).contains(Extension.certificatePolicies.getId(), Extension.keyUsage.getId());
        assertThat(cert.getSubjectX500Principal().getName()).startsWith("CN=202611250900").contains("L=Mihon", "L=Mogi", "C=JP");
        assertThat(cert.getIssuerX500Principal().getName()).isEqualTo("OU=sign,O=Madoguchi Simulated JPKI,C=JP");
        // Born 1990-05-05, issued 2026-11-25: 5th birthday after issue is 2031-05-05, 23:59:59 JST.
        assertThat(cert.getNotAfter().toInstant()).isEqualTo(Instant.parse("2031-05-05T14:59:59Z"));
        assertThat(a.body().get("notAfter").asText()).isEqualTo("2031-05-05T14:59:59Z");
        var holder = new JcaX509CertificateHolder(cert);
        GeneralName[] san = GeneralNames.fromExtensions(holder.getExtensions(), Extension.subjectAlternativeName).getNames();
        assertThat(san).hasSize(6);
        String[][] expected = {
            {JpkiAuthority.OID_NAME, "試験　花子"}, {JpkiAuthority.OID_BIRTH, "419900505"}, {JpkiAuthority.OID_SEX, "2"},
            {JpkiAuthority.OID_ADDRESS, "模擬県見本市試験町１－２－３"}, {JpkiAuthority.OID_NAME_MAP, "00000"},
            {JpkiAuthority.OID_ADDRESS_MAP, "0".repeat(14)}};
        for (int i = 0; i < 6; i++) {
            ASN1Sequence other = ASN1Sequence.getInstance(san[i].getName());
            assertThat(ASN1ObjectIdentifier.getInstance(other.getObjectAt(0)).getId()).isEqualTo(expected[i][0]);
            assertThat(ASN1UTF8String.getInstance(ASN1TaggedObject.getInstance(other.getObjectAt(1)).getExplicitBaseObject()).getString())
                    .isEqualTo(expected[i][1]);
        }
        Answer again = request(requestId, "100000000000101", "SIGN", csr);
        assertThat(again.body().get("certificate").asText()).isEqualTo(a.body().get("certificate").asText());
        Answer reused = request(requestId, "100000000000101", "SIGN", csr(otherKey, otherKey));
        assertThat(reused.body().get("code").asText()).isEqualTo("REQUEST_ID_REUSED");
    }

    @Test
    void a_name_outside_jis_levels_1_and_2_is_substituted_and_flagged() throws Exception {
        Answer a = request(UUID.randomUUID().toString(), "100000000000104", "SIGN", csr(key, key));
        X509Certificate cert = certificate(a.body(), "certificate");
        GeneralName[] san = GeneralNames.fromExtensions(new JcaX509CertificateHolder(cert).getExtensions(),
                Extension.subjectAlternativeName).getNames();
        String name = ASN1UTF8String.getInstance(ASN1TaggedObject.getInstance(ASN1Sequence.getInstance(san[0].getName())
                .getObjectAt(1)).getExplicitBaseObject()).getString();
        String map = ASN1UTF8String.getInstance(ASN1TaggedObject.getInstance(ASN1Sequence.getInstance(san[4].getName())
                .getObjectAt(1)).getExplicitBaseObject()).getString();
        assertThat(name).isEqualTo("\u3013田　花子");
        assertThat(map).isEqualTo("10000");
    }

    @Test
    void renewal_is_refused_before_the_window_and_supersedes_the_old_certificate_inside_it() throws Exception {
        card("100000000000106", "ACTIVE", "1990-05-05", "試験　三郎", 1);
        Answer first = request(UUID.randomUUID().toString(), "100000000000106", "AUTH", csr(key, key));
        assertThat(first.status()).isEqualTo(200);
        X509Certificate old = certificate(first.body(), "certificate");
        assertThat(old.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
        assertThat(old.getSubjectX500Principal().getName()).matches("CN=[A-Z0-9]{23},C=JP");
        Answer early = request(UUID.randomUUID().toString(), "100000000000106", "AUTH", csr(key, key));
        assertThat(early.body().get("code").asText()).isEqualTo("OUTSIDE_RENEWAL_WINDOW");
        Instant saved = clock.instant();
        try {
            // Expiry 2031-05-05: the window opens 2031-02-06 (JST).
            clock.set(Instant.parse("2031-02-05T15:00:00Z"));
            Answer renewed = request(UUID.randomUUID().toString(), "100000000000106", "AUTH", csr(otherKey, otherKey));
            assertThat(renewed.status()).as(String.valueOf(renewed.body())).isEqualTo(200);
            HttpResponse<byte[]> crl = client.send(HttpRequest.newBuilder(URI.create(central.url("/v1/crl/auth"))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(crl.statusCode()).isEqualTo(200);
            X509CRL parsed = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(crl.body()));
            parsed.verify(central.system.keys().jpki().caCertificate(CertKind.AUTH).getPublicKey());
            assertThat(parsed.getRevokedCertificate(old.getSerialNumber())).isNotNull();
            assertThat(parsed.getNextUpdate().getTime() - parsed.getThisUpdate().getTime()).isEqualTo(3_600_000L);
            assertThat(parsed.isRevoked(certificate(renewed.body(), "certificate"))).isFalse();
        } finally {
            clock.set(saved);
        }
    }

    @Test
    void validity_rules_match_the_card_spec_vectors() {
        // card-spec §9.8
        LocalDate received = LocalDate.of(2025, 5, 15);
        LocalDate issued = LocalDate.of(2025, 6, 1);
        LocalDate adultCard = ValidityRules.cardExpiry(LocalDate.of(1990, 5, 5), received, issued, null);
        assertThat(adultCard).isEqualTo(LocalDate.of(2035, 5, 5));
        assertThat(ValidityRules.endOfDay(ValidityRules.certificateExpiry(LocalDate.of(1990, 5, 5), issued, adultCard, null)))
                .isEqualTo(Instant.parse("2030-05-05T14:59:59Z"));
        assertThat(ValidityRules.cardExpiry(LocalDate.of(2010, 8, 20), received, issued, null)).isEqualTo(LocalDate.of(2029, 8, 20));
        assertThat(ValidityRules.renewalOpens(LocalDate.of(2030, 5, 5))).isEqualTo(LocalDate.of(2030, 2, 6));
        assertThat(ValidityRules.renewalOpens(LocalDate.of(2026, 5, 31))).isEqualTo(LocalDate.of(2026, 3, 1));
        // counter-rules N7
        assertThat(ValidityRules.cardExpiry(LocalDate.of(2003, 1, 10), LocalDate.of(2022, 3, 15), LocalDate.of(2022, 5, 20), null))
                .isEqualTo(LocalDate.of(2027, 1, 10));
        assertThat(ValidityRules.cardExpiry(LocalDate.of(2003, 1, 10), LocalDate.of(2022, 4, 1), LocalDate.of(2022, 5, 20), null))
                .isEqualTo(LocalDate.of(2032, 1, 10));
        assertThat(JpkiAuthority.eraCode(LocalDate.of(1989, 1, 7))).isEqualTo(3);
        assertThat(JpkiAuthority.eraCode(LocalDate.of(1989, 1, 8))).isEqualTo(4);
    }
}
