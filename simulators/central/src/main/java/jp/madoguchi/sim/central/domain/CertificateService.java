package jp.madoguchi.sim.central.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import jp.madoguchi.sim.central.Json;
import jp.madoguchi.sim.central.domain.CentralRecords.Card;
import jp.madoguchi.sim.central.domain.CentralRecords.Cert;
import jp.madoguchi.sim.central.pki.CertKind;
import jp.madoguchi.sim.central.pki.CertificateHolder;
import jp.madoguchi.sim.central.pki.Certificates;
import jp.madoguchi.sim.central.pki.JpkiAuthority;
import jp.madoguchi.sim.central.pki.ValidityRules;
import jp.madoguchi.sim.central.store.CentralDatabase;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

/**
 * The JPKI certificate service (sync-protocol "Online-only: certificates"): issuance from a PKCS#10
 * request after the central checks, revocation bookkeeping and the CRL per kind. Issuance runs in one
 * writer transaction, so two requests for the same card are decided one after the other.
 */
public final class CertificateService {

    private final CentralDatabase db;
    private final JpkiAuthority ca;
    private final Clock clock;
    private final SplittableRandom random = new SplittableRandom();
    private final Map<CertKind, CachedCrl> crls = new EnumMap<>(CertKind.class);

    private record CachedCrl(long revocations, Instant made, byte[] der) {
    }

    public CertificateService(CentralDatabase db, JpkiAuthority ca, Clock clock) {
        this.db = db;
        this.ca = ca;
        this.clock = clock;
    }

    public JpkiAuthority authority() {
        return ca;
    }

    /** {@code POST /v1/certificates}; {@code windowId} is 9 characters naming the requesting terminal. */
    public IngestAnswer request(JsonNode body, String officeType, String windowId) throws Exception {
        if ("MISSION".equals(officeType)) {
            return IngestAnswer.error(403, "NOT_PERMITTED", "certificates are not issued at missions (counter-rules PR-07)");
        }
        for (String f : List.of("requestId", "cardSerial", "kind", "csr")) {
            if (!body.path(f).isTextual() || body.path(f).asText().isEmpty()) {
                return IngestAnswer.error(400, "MISSING_FIELD", f + " is required");
            }
        }
        CertKind kind;
        try {
            kind = CertKind.valueOf(body.get("kind").asText());
        } catch (IllegalArgumentException e) {
            return IngestAnswer.error(400, "BAD_KIND", "kind must be SIGN or AUTH");
        }
        byte[] csrDer;
        JcaPKCS10CertificationRequest csr;
        PublicKey key;
        try {
            csrDer = Base64.getDecoder().decode(body.get("csr").asText());
            csr = new JcaPKCS10CertificationRequest(csrDer);
            key = csr.getPublicKey();
        } catch (Exception e) {
            return IngestAnswer.error(422, "BAD_CSR", "csr is not a base64 DER PKCS#10 request");
        }
        if (!(key instanceof RSAPublicKey rsa) || rsa.getModulus().bitLength() != 2048
                || !rsa.getPublicExponent().equals(BigInteger.valueOf(65537))) {
            return IngestAnswer.error(422, "BAD_KEY", "the key must be RSA-2048 with e=65537");
        }
        boolean signatureValid;
        try {
            signatureValid = csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key));
        } catch (Exception e) {
            signatureValid = false;
        }
        if (!signatureValid) {
            return IngestAnswer.error(422, "BAD_CSR_SIGNATURE", "the request is not signed by the key it carries");
        }
        String requestId = body.get("requestId").asText();
        String cardSerial = body.get("cardSerial").asText();
        String csrHash = Certificates.hex(MessageDigest.getInstance("SHA-256").digest(csrDer));
        return db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT csr_sha256, cert_serial FROM cert_request WHERE request_id = ?")) {
                s.setString(1, requestId);
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        if (!rs.getString(1).equals(csrHash)) {
                            return IngestAnswer.error(422, "REQUEST_ID_REUSED", "requestId " + requestId + " came with another CSR");
                        }
                        return answer(c, rs.getString(2), kind);
                    }
                }
            }
            Card card = CentralRecords.card(c, cardSerial);
            if (card == null) {
                return IngestAnswer.error(422, "CARD_NOT_FOUND", "no card " + cardSerial);
            }
            LocalDate today = ValidityRules.today(clock);
            if (!"ACTIVE".equals(card.status()) && !"ISSUED".equals(card.status())) {
                return IngestAnswer.error(422, "CARD_NOT_ACTIVE", "card " + cardSerial + " is " + card.status());
            }
            if (LocalDate.parse(card.validTo()).isBefore(today)) {
                return IngestAnswer.error(422, "CARD_EXPIRED", "card " + cardSerial + " expired on " + card.validTo());
            }
            LocalDate birth = LocalDate.parse(card.birthDate());
            if (kind == CertKind.SIGN && ValidityRules.age(birth, today) < 15) {
                return IngestAnswer.error(422, "UNDER_15", "no signing certificate for a holder under 15");
            }
            if (kind == CertKind.SIGN && card.resident().path("adultWard").asBoolean(false)) {
                return IngestAnswer.error(422, "ADULT_WARD", "no signing certificate for an adult ward");
            }
            for (Cert existing : CentralRecords.certs(c, cardSerial)) {
                if (existing.kind().equals(kind.name()) && CentralRecords.isLive(existing)
                        && existing.notAfterMillis() > clock.millis()) {
                    LocalDate expiry = Instant.ofEpochMilli(existing.notAfterMillis()).atZone(ValidityRules.JST).toLocalDate();
                    LocalDate opens = ValidityRules.renewalOpens(expiry);
                    if (today.isBefore(opens)) {
                        return IngestAnswer.error(422, "OUTSIDE_RENEWAL_WINDOW", "renewal opens on " + opens);
                    }
                }
            }
            Cert issued = issue(c, card, kind, key, windowId, true);
            try (PreparedStatement s = c.prepareStatement("INSERT INTO cert_request (request_id, csr_sha256, cert_serial) VALUES (?, ?, ?)")) {
                s.setString(1, requestId);
                s.setString(2, csrHash);
                s.setString(3, issued.serial());
                s.executeUpdate();
            }
            return answer(c, issued.serial(), kind);
        });
    }

    /**
     * Issues a certificate of {@code kind} for {@code card} and records it, superseding any live one
     * of the same kind. ON_HOLD (PENDING_DELIVERY) until the card's delivery reaches central (PR-25).
     * Must run inside a writer transaction. {@code announce} = false: the caller appends the
     * CERT_STATUS_CHANGED event itself (the factory puts CARD_SHIPPED first).
     */
    public Cert issue(Connection c, Card card, CertKind kind, PublicKey key, String windowId, boolean announce) throws Exception {
        Instant now = clock.instant();
        LocalDate today = ValidityRules.today(clock);
        LocalDate birth = LocalDate.parse(card.birthDate());
        LocalDate authExpiry = null;
        List<Cert> existing = CentralRecords.certs(c, card.serial());
        if (kind == CertKind.SIGN) {
            for (Cert cert : existing) {
                if ("AUTH".equals(cert.kind()) && CentralRecords.isLive(cert)) {
                    authExpiry = Instant.ofEpochMilli(cert.notAfterMillis()).atZone(ValidityRules.JST).toLocalDate();
                }
            }
        }
        LocalDate expiry = ValidityRules.certificateExpiry(birth, today, LocalDate.parse(card.validTo()), authExpiry);
        Instant notAfter = ValidityRules.endOfDay(expiry);
        BigInteger serial = Certificates.randomSerial();
        JsonNode r = card.resident();
        CertificateHolder holder = new CertificateHolder(r.path("name").asText(), birth, r.path("sex").asInt(3),
                r.path("address").asText(), r.path("prefectureRomaji").asText("Mogi"), r.path("cityRomaji").asText("Mihon"));
        String authId;
        synchronized (random) {
            authId = JpkiAuthority.opaqueId(random);
        }
        X509Certificate cert = ca.issue(kind, serial, key, holder, now, notAfter, windowId,
                (int) CentralRecords.nextValue(c, "sign-cn"), authId);
        for (Cert old : existing) {
            if (old.kind().equals(kind.name()) && CentralRecords.isLive(old)) {
                CentralRecords.changeCert(c, card.office(), old, "REVOKED", "SUPERSEDED", now);
            }
        }
        boolean held = "ISSUED".equals(card.status());
        Cert record = new Cert(Certificates.serialHex(serial), card.serial(), kind.name(), held ? "ON_HOLD" : "VALID",
                held ? "PENDING_DELIVERY" : null, 1, notAfter.toEpochMilli());
        CentralRecords.insertCert(c, card.office(), record, cert.getEncoded(), announce);
        return record;
    }

    private IngestAnswer answer(Connection c, String certSerial, CertKind kind) throws Exception {
        byte[] der;
        long notAfter;
        String status;
        try (PreparedStatement s = c.prepareStatement("SELECT der, not_after, status FROM certificate WHERE cert_serial = ?")) {
            s.setString(1, certSerial);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                der = rs.getBytes(1);
                notAfter = rs.getLong(2);
                status = rs.getString(3);
            }
        }
        ObjectNode body = Json.object().put("certificate", Base64.getEncoder().encodeToString(der));
        ArrayNode chain = Json.array();
        for (X509Certificate cert : ca.chain(kind)) {
            chain.add(Base64.getEncoder().encodeToString(cert.getEncoded()));
        }
        body.set("chain", chain);
        body.put("notAfter", Json.instant(Instant.ofEpochMilli(notAfter))).put("certSerial", certSerial).put("status", status);
        return new IngestAnswer(200, body);
    }

    /** The current CRL of {@code kind}, regenerated when a revocation arrived since the last one or after 30 minutes. */
    public byte[] crl(CertKind kind) throws Exception {
        List<JpkiAuthority.Revocation> revoked = db.read(c -> {
            List<JpkiAuthority.Revocation> list = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT cert_serial, revoked_at, reason FROM certificate"
                    + " WHERE kind = ? AND status = 'REVOKED' ORDER BY revoked_at")) {
                s.setString(1, kind.name());
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        list.add(new JpkiAuthority.Revocation(new BigInteger(rs.getString(1), 16),
                                Instant.ofEpochMilli(rs.getLong(2)), JpkiAuthority.reasonCode(rs.getString(3))));
                    }
                }
            }
            return list;
        });
        Instant now = clock.instant();
        synchronized (crls) {
            CachedCrl cached = crls.get(kind);
            if (cached != null && cached.revocations() == revoked.size()
                    && cached.made().plusSeconds(1800).isAfter(now)) {
                return cached.der();
            }
            long number = db.write(c -> CentralRecords.nextValue(c, "crl-" + kind.name()));
            X509CRL crl = ca.crl(kind, revoked, number, now);
            byte[] der = crl.getEncoded();
            crls.put(kind, new CachedCrl(revoked.size(), now, der));
            return der;
        }
    }
}
