package jp.madoguchi.sim.central;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import jp.madoguchi.sim.central.factory.CardFactory;
import jp.madoguchi.sim.central.factory.Resident;
import jp.madoguchi.sim.central.factory.ResidentGenerator;
import jp.madoguchi.sim.central.pki.AesCmac;
import jp.madoguchi.sim.central.pki.JpkiAuthority;
import jp.madoguchi.sim.central.pki.ValidityRules;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The card factory writes profiles in docs/card-profile.md format v1 and ships the cards to the office feed. */
class CardFactoryTest {

    @TempDir
    static Path dir;
    static CentralTestServer central;
    static List<CardFactory.Made> made;

    @BeforeAll
    static void make() throws Exception {
        central = new CentralTestServer(dir, Clock.systemUTC());
        made = new CardFactory(central.system, 42).make("131016", 3, 0.5, dir.resolve("cards"));
    }

    @AfterAll
    static void stop() throws Exception {
        central.close();
    }

    private static List<String> fields(JsonNode n) {
        List<String> l = new ArrayList<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext();) {
            l.add(it.next());
        }
        return l;
    }

    @Test
    void profiles_follow_card_profile_format_1() throws Exception {
        assertThat(made).hasSize(3);
        try (var files = Files.list(dir.resolve("cards"))) {
            assertThat(files.map(p -> p.getFileName().toString())).allMatch(n -> n.endsWith(".json")).hasSize(3);
        }
        for (CardFactory.Made m : made) {
            JsonNode p = Json.parse(Files.readString(m.profile()));
            assertThat(fields(p)).containsExactly("formatVersion", "comment", "serial", "holder", "cardFace", "lifeCycle", "admin",
                    "keys", "certificates", "pins", "verificationCounters", "pending");
            assertThat(p.get("formatVersion").asInt()).isEqualTo(1);
            assertThat(p.get("serial").get("cardSerial").asText()).matches("[0-9]{15}").isEqualTo(m.cardSerial());
            String sn = p.get("serial").get("chipSerialNumber").asText();
            assertThat(sn).matches("[0-9A-F]{16}");
            assertThat(p.get("admin").get("cardKey").asText()).isEqualTo(HexFormat.of().withUpperCase()
                    .formatHex(AesCmac.mac(central.system.keys().issuerKey(), HexFormat.of().parseHex(sn))));
            JsonNode h = p.get("holder");
            String number = h.get("myNumber").asText();
            assertThat(number).matches("[0-9]{12}");
            assertThat(ResidentGenerator.checkDigit(number.substring(0, 11))).isEqualTo(number.charAt(11) - '0');
            h.get("name").asText().codePoints().forEach(cp ->
                    assertThat(JpkiAuthority.inJisLevels12(new String(Character.toChars(cp)))).as("U+%04X", cp).isTrue());
            assertThat(h.get("sex").asInt()).isIn(1, 2);
            assertThat(p.get("cardFace").get("securityCode").asText()).matches("[0-9]{4}");
            assertThat(p.get("cardFace").get("municipalityCode").asText()).isEqualTo("13101");
            assertThat(p.get("lifeCycle").asText()).isEqualTo("TRANSPORT");
            assertThat(fields(p.get("pins"))).containsExactly("AUTH", "SIGN", "CARD_TEXT", "JUKI", "COMMON");
            assertThat(fields(p.get("verificationCounters"))).containsExactly("TEXT_A", "TEXT_B", "FACE_BIRTH", "FACE_B", "FACE_A");
            assertThat(p.get("pending").get("auth").isNull()).isTrue();
            for (String kind : List.of("auth", "sign")) {
                JsonNode cert = p.get("certificates").get(kind);
                JsonNode key = p.get("keys").get(kind);
                assertThat(cert.isNull()).isEqualTo(key.isNull());
                if (!cert.isNull()) {
                    X509Certificate x = (X509Certificate) CertificateFactory.getInstance("X.509")
                            .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(cert.asText())));
                    RSAPrivateCrtKey priv = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
                            .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(key.asText())));
                    assertThat(priv.getModulus().bitLength()).isEqualTo(2048);
                    assertThat(((RSAPublicKey) x.getPublicKey()).getModulus()).isEqualTo(priv.getModulus());
                    x.verify(central.system.keys().jpki().caCertificate(
                            "auth".equals(kind) ? jp.madoguchi.sim.central.pki.CertKind.AUTH : jp.madoguchi.sim.central.pki.CertKind.SIGN)
                            .getPublicKey());
                }
            }
        }
        // Index 1 is under 1 and index 2 a day or more short of 15: neither gets a sign certificate.
        assertThat(Json.parse(Files.readString(made.get(0).profile())).get("certificates").get("sign").isNull()).isFalse();
        assertThat(Json.parse(Files.readString(made.get(1).profile())).get("certificates").get("sign").isNull()).isTrue();
        assertThat(Json.parse(Files.readString(made.get(2).profile())).get("certificates").get("sign").isNull()).isTrue();
        JsonNode baby = Json.parse(Files.readString(made.get(1).profile()));
        LocalDate birth = LocalDate.parse(baby.get("holder").get("birthDate").asText());
        assertThat(LocalDate.parse(baby.get("cardFace").get("expiryDate").asText()))
                .isEqualTo(ValidityRules.nthBirthdayAfter(birth, LocalDate.parse(baby.get("cardFace").get("issuedOn").asText()), 5));
    }

    @Test
    void shipping_puts_each_card_on_the_office_feed_before_its_held_certificates() throws Exception {
        JsonNode events = central.system.queries().feed("131016", null, "1000").body().get("events");
        for (CardFactory.Made m : made) {
            int shippedAt = -1;
            int certs = 0;
            for (int i = 0; i < events.size(); i++) {
                JsonNode e = events.get(i);
                if (!m.cardSerial().equals(e.path("cardSerial").asText())) {
                    continue;
                }
                if ("CARD_SHIPPED".equals(e.get("type").asText())) {
                    shippedAt = i;
                    assertThat(e.get("status").asText()).isEqualTo("ISSUED");
                    assertThat(e.get("resident").get("name").asText()).isEqualTo(m.resident().name());
                    assertThat(e.get("express").asBoolean()).isEqualTo(m.express());
                } else if ("CERT_STATUS_CHANGED".equals(e.get("type").asText())) {
                    assertThat(shippedAt).isGreaterThanOrEqualTo(0);
                    assertThat(e.get("status").asText()).isEqualTo("ON_HOLD");
                    assertThat(e.get("reason").asText()).isEqualTo("PENDING_DELIVERY");
                    certs++;
                }
            }
            assertThat(shippedAt).isGreaterThanOrEqualTo(0);
            assertThat(certs).isBetween(1, 2);
        }
    }

    @Test
    void the_generator_covers_variant_names_foreign_residents_and_every_age_rule() {
        LocalDate today = LocalDate.of(2026, 11, 25);
        ResidentGenerator g = new ResidentGenerator(1, today);
        List<Resident> rs = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            rs.add(g.next(i));
        }
        assertThat(rs).anyMatch(r -> r.name().codePoints().anyMatch(Character::isSupplementaryCodePoint));
        assertThat(rs).anyMatch(r -> r.name().codePoints().anyMatch(cp -> cp >= 0xE0100 && cp <= 0xE01EF));
        assertThat(rs).anyMatch(r -> r.foreign() && r.stayExpiry() != null);
        assertThat(rs).anyMatch(r -> r.formerSurname() != null);
        assertThat(rs).allMatch(r -> r.foreign() || r.nameFurigana() != null);
        assertThat(rs).anyMatch(r -> r.birthDate().getMonthValue() == 2 && r.birthDate().getDayOfMonth() == 29);
        assertThat(rs).anyMatch(r -> ValidityRules.age(r.birthDate(), today) == 0);
        assertThat(rs).anyMatch(r -> ValidityRules.age(r.birthDate(), today) == 14);
        assertThat(rs).anyMatch(r -> ValidityRules.age(r.birthDate(), today) >= 15 && ValidityRules.age(r.birthDate(), today) < 18);
        assertThat(rs).anyMatch(r -> ValidityRules.age(r.birthDate(), today) >= 75);
        Set<String> numbers = new java.util.HashSet<>();
        for (Resident r : rs) {
            assertThat(ResidentGenerator.checkDigit(r.myNumber().substring(0, 11))).isEqualTo(r.myNumber().charAt(11) - '0');
            numbers.add(r.myNumber());
        }
        assertThat(numbers).hasSize(rs.size());
    }
}
