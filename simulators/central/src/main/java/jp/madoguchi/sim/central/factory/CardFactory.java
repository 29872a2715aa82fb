package jp.madoguchi.sim.central.factory;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import jp.madoguchi.sim.central.CentralSystem;
import jp.madoguchi.sim.central.Json;
import jp.madoguchi.sim.central.domain.CentralRecords;
import jp.madoguchi.sim.central.domain.CentralRecords.Card;
import jp.madoguchi.sim.central.domain.CentralRecords.Cert;
import jp.madoguchi.sim.central.pki.CertKind;
import jp.madoguchi.sim.central.pki.Certificates;
import jp.madoguchi.sim.central.pki.JpkiAuthority;
import jp.madoguchi.sim.central.pki.ValidityRules;

/**
 * The card factory: synthesises residents, manufactures their cards (chip serial, K_card diversified
 * from K_issuer, RSA keys, certificates ON_HOLD until delivery, life cycle TRANSPORT), writes one
 * emulator profile per card in the format of docs/card-profile.md (version 1), and ships the card to
 * the office: the card, its application and certificates enter central's state and the office feed
 * gets CARD_SHIPPED and CERT_STATUS_CHANGED. One card = one writer transaction.
 *
 * <p>Not thread-safe (one factory per thread); profiles are written atomically (temp, fsync, rename).
 */
public final class CardFactory {

    /** One manufactured card. */
    public record Made(String cardSerial, Path profile, Resident resident, boolean express, boolean pinsPreset) {
    }

    private final CentralSystem system;
    private final Random random;
    private final long seed;

    public CardFactory(CentralSystem system, long seed) {
        this.system = system;
        this.seed = seed;
        this.random = new Random(seed);
    }

    public List<Made> make(String office, int count, double expressShare, Path out) throws Exception {
        if (!office.matches("[0-9]{6}")) {
            throw new IllegalArgumentException("office code must be 6 digits: " + office);
        }
        if (count < 1 || count > 100_000) {
            throw new IllegalArgumentException("count must be 1..100000");
        }
        if (expressShare < 0 || expressShare > 1) {
            throw new IllegalArgumentException("express share must lie between 0 and 1");
        }
        Files.createDirectories(out);
        LocalDate today = ValidityRules.today(system.clock());
        ResidentGenerator residents = new ResidentGenerator(random.nextLong(), today);
        system.database().write(c -> {
            CentralRecords.ensureOffice(c, office, "MUNICIPAL");
            return null;
        });
        List<Made> made = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            made.add(makeOne(office, residents.next(i), i, random.nextDouble() < expressShare, out, today));
        }
        return made;
    }

    private Made makeOne(String office, Resident r, int n, boolean express, Path out, LocalDate today) throws Exception {
        LocalDate receivedOn = today.minusDays(7 + random.nextInt(20));
        LocalDate validTo = ValidityRules.cardExpiry(r.birthDate(), receivedOn, today, r.stayExpiry());
        boolean declined = n % 11 == 10;
        boolean sign = !declined && ValidityRules.age(r.birthDate(), today) >= 15;
        boolean pinsPreset = n % 6 == 5;
        KeyPair authKeys = declined ? null : Certificates.rsa2048();
        KeyPair signKeys = sign ? Certificates.rsa2048() : null;
        byte[] chipSerial = new byte[8];
        random.nextBytes(chipSerial);
        String securityCode = String.format("%04d", random.nextInt(10_000));
        ObjectNode resident = r.summary().put("prefectureRomaji", r.prefectureRomaji()).put("cityRomaji", r.cityRomaji());
        Object[] result = system.database().write(c -> {
            String serial = String.format("%015d", 100_000_000_000_000L + CentralRecords.nextValue(c, "card-serial"));
            String applicationId = String.format("A%011d", CentralRecords.nextValue(c, "application"));
            CentralRecords.insertApplication(c, applicationId, office, "SHIPPED", "DOMESTIC", express, receivedOn.toString());
            Card card = new Card(serial, office, applicationId, "ISSUED", null, 1, r.birthDate().toString(), validTo.toString(),
                    today.toString(), express, pinsPreset, false, false, Json.write(resident));
            CentralRecords.insertCard(c, card);
            List<Cert> certs = new ArrayList<>();
            if (authKeys != null) {
                certs.add(system.certificates().issue(c, card, CertKind.AUTH, authKeys.getPublic(), "FACTORY01", false));
            }
            if (signKeys != null) {
                certs.add(system.certificates().issue(c, card, CertKind.SIGN, signKeys.getPublic(), "FACTORY01", false));
            }
            ObjectNode shipped = Json.object().put("type", "CARD_SHIPPED").put("cardSerial", serial).put("applicationId", applicationId)
                    .put("status", "ISSUED").put("version", 1).put("express", express).put("pinsPreset", pinsPreset)
                    .put("shippedOn", today.toString()).put("applicationReceivedOn", receivedOn.toString())
                    .put("validTo", validTo.toString()).put("issuedOn", today.toString());
            ArrayNode certList = shipped.putArray("certificates");
            for (Cert cert : certs) {
                certList.add(Json.object().put("kind", cert.kind()).put("certSerial", cert.serial())
                        .put("notAfter", Json.instant(Instant.ofEpochMilli(cert.notAfterMillis()))));
            }
            shipped.set("resident", r.summary());
            CentralRecords.appendFeed(c, office, shipped);
            for (Cert cert : certs) {
                CentralRecords.announceCert(c, office, cert);
            }
            return new Object[] {serial, certs};
        });
        String serial = (String) result[0];
        @SuppressWarnings("unchecked")
        List<Cert> certs = (List<Cert>) result[1];
        ObjectNode profile = profile(serial, chipSerial, r, today, validTo, securityCode, office, authKeys, signKeys, certs, pinsPreset);
        Path file = out.resolve("card-" + serial + ".json");
        writeAtomically(file, profile);
        return new Made(serial, file, r, express, pinsPreset);
    }

    private ObjectNode profile(String serial, byte[] chipSerial, Resident r, LocalDate issued, LocalDate validTo, String securityCode,
            String office, KeyPair authKeys, KeyPair signKeys, List<Cert> certs, boolean pinsPreset) throws Exception {
        ObjectNode p = Json.object().put("formatVersion", 1)
                .put("comment", "synthetic resident, central card factory seed " + seed + "; never a real person");
        p.putObject("serial").put("cardSerial", serial).put("chipSerialNumber", Certificates.hex(chipSerial));
        p.putObject("holder").put("myNumber", r.myNumber()).put("name", JpkiAuthority.substituted(r.name())[0])
                .put("address", JpkiAuthority.substituted(r.address())[0]).put("birthDate", r.birthDate().toString())
                .put("sex", r.sex()).put("foreignResident", r.foreign());
        p.putObject("cardFace").put("issuedOn", issued.toString()).put("expiryDate", validTo.toString())
                .put("securityCode", securityCode).put("municipalityCode", office.substring(0, 5));
        p.put("lifeCycle", "TRANSPORT");
        p.putObject("admin").put("cardKey", Certificates.hex(system.keys().cardKey(chipSerial))).put("failureCount", 0);
        ObjectNode keys = p.putObject("keys");
        keys.put("auth", authKeys == null ? null : b64(authKeys.getPrivate().getEncoded()));
        keys.put("sign", signKeys == null ? null : b64(signKeys.getPrivate().getEncoded()));
        keys.putNull("textAp");
        keys.putNull("faceAp");
        ObjectNode cs = p.putObject("certificates");
        cs.put("auth", certDer(certs, "AUTH"));
        cs.put("sign", certDer(certs, "SIGN"));
        cs.put("authCa", b64(system.keys().jpki().caCertificate(CertKind.AUTH).getEncoded()));
        cs.put("signCa", b64(system.keys().jpki().caCertificate(CertKind.SIGN).getEncoded()));
        ObjectNode pins = p.putObject("pins");
        pin(pins, "AUTH", pinsPreset ? digits(4) : null, 3);
        pin(pins, "SIGN", pinsPreset && signKeys != null ? signPassword() : null, 5);
        pin(pins, "CARD_TEXT", pinsPreset ? digits(4) : null, 3);
        pin(pins, "JUKI", pinsPreset ? digits(4) : null, 3);
        pin(pins, "COMMON", null, 3);
        ObjectNode counters = p.putObject("verificationCounters");
        for (String k : List.of("TEXT_A", "TEXT_B", "FACE_BIRTH", "FACE_B", "FACE_A")) {
            counters.put(k, 10);
        }
        p.putObject("pending").putNull("auth").putNull("sign");
        return p;
    }

    private String certDer(List<Cert> certs, String kind) throws Exception {
        for (Cert cert : certs) {
            if (cert.kind().equals(kind)) {
                byte[] der = system.database().read(c -> {
                    try (var s = c.prepareStatement("SELECT der FROM certificate WHERE cert_serial = ?")) {
                        s.setString(1, cert.serial());
                        try (var rs = s.executeQuery()) {
                            rs.next();
                            return rs.getBytes(1);
                        }
                    }
                });
                return b64(der);
            }
        }
        return null;
    }

    private static void pin(ObjectNode pins, String name, String value, int tries) {
        ObjectNode p = pins.putObject(name);
        p.put("value", value);
        p.put("triesLeft", tries);
    }

    private String digits(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(random.nextInt(10));
        }
        return s.toString();
    }

    private String signPassword() {
        String letters = "ABCDEFGHJKLMNPQRSTUVWXYZ";
        return "" + letters.charAt(random.nextInt(letters.length())) + letters.charAt(random.nextInt(letters.length()))
                + digits(4) + letters.charAt(random.nextInt(letters.length()));
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** card-profile.md §1: whole file to a temp file in the same directory, fsync, atomic rename. */
    static void writeAtomically(Path file, ObjectNode profile) throws Exception {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        byte[] bytes = Json.MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT)
                .disable(JsonGenerator.Feature.ESCAPE_NON_ASCII).writeValueAsString(profile).getBytes(StandardCharsets.UTF_8);
        try (FileOutputStream out = new FileOutputStream(tmp.toFile())) {
            out.write(bytes);
            out.write('\n');
            out.getFD().sync();
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
