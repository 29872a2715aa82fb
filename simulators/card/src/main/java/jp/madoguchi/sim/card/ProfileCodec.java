package jp.madoguchi.sim.card;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads and writes the profile JSON of docs/card-profile.md, strictly: unknown or missing fields and
 * inconsistent values are refused with a {@link BadProfileException} naming the field. Stateless.
 */
public final class ProfileCodec {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final BigInteger F4 = BigInteger.valueOf(65537);

    private ProfileCodec() {
    }

    public static CardProfile parse(byte[] json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new BadProfileException("not JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new BadProfileException("the profile must be one JSON object");
        }
        only(root, "", "formatVersion", "comment", "serial", "holder", "cardFace", "lifeCycle", "admin", "keys",
                "certificates", "pins", "verificationCounters", "pending");
        if (!root.path("formatVersion").isInt() || root.get("formatVersion").intValue() != 1) {
            throw new BadProfileException("formatVersion: must be 1");
        }
        CardProfile p = new CardProfile();
        p.comment = root.get("comment");
        JsonNode serial = object(root, "serial");
        only(serial, "serial.", "cardSerial", "chipSerialNumber");
        p.cardSerial = digits(serial, "serial.", "cardSerial", 15);
        p.chipSerialNumber = hex(serial, "serial.chipSerialNumber", 8);

        JsonNode holder = object(root, "holder");
        only(holder, "holder.", "myNumber", "name", "address", "birthDate", "sex", "foreignResident");
        p.myNumber = digits(holder, "holder.", "myNumber", 12);
        if (!MyNumber.valid(p.myNumber)) {
            throw new BadProfileException("holder.myNumber: wrong check digit");
        }
        p.name = text(holder, "holder.", "name");
        p.address = text(holder, "holder.", "address");
        p.birthDate = date(holder, "holder.", "birthDate");
        JsonNode sex = holder.get("sex");
        if (sex == null || !sex.isInt() || (sex.intValue() != 1 && sex.intValue() != 2)) {
            throw new BadProfileException("holder.sex: must be 1 or 2");
        }
        p.sex = sex.intValue();
        JsonNode foreign = holder.get("foreignResident");
        if (foreign == null || !foreign.isBoolean()) {
            throw new BadProfileException("holder.foreignResident: must be true or false");
        }
        p.foreignResident = foreign.booleanValue();

        JsonNode face = object(root, "cardFace");
        only(face, "cardFace.", "issuedOn", "expiryDate", "securityCode", "municipalityCode");
        p.issuedOn = date(face, "cardFace.", "issuedOn");
        p.expiryDate = date(face, "cardFace.", "expiryDate");
        p.securityCode = digits(face, "cardFace.", "securityCode", 4);
        p.municipalityCode = digits(face, "cardFace.", "municipalityCode", 5);

        String life = text(root, "", "lifeCycle");
        try {
            p.lifeCycle = LifeCycle.valueOf(life);
        } catch (IllegalArgumentException e) {
            throw new BadProfileException("lifeCycle: must be TRANSPORT or OPERATIONAL", e);
        }

        JsonNode admin = object(root, "admin");
        only(admin, "admin.", "cardKey", "failureCount");
        p.cardKey = hex(admin, "admin.cardKey", 16);
        p.adminFailureCount = range(admin, "admin.", "failureCount", 0, 10);

        JsonNode keys = object(root, "keys");
        only(keys, "keys.", "auth", "sign", "textAp", "faceAp");
        p.authKey = key(keys, "auth");
        p.signKey = key(keys, "sign");
        p.textApKey = key(keys, "textAp");
        p.faceApKey = key(keys, "faceAp");

        JsonNode certs = object(root, "certificates");
        only(certs, "certificates.", "auth", "sign", "authCa", "signCa");
        p.authCertificate = certificate(certs, "auth", p.authKey, false);
        p.signCertificate = certificate(certs, "sign", p.signKey, false);
        p.authCaCertificate = certificate(certs, "authCa", null, true);
        p.signCaCertificate = certificate(certs, "signCa", null, true);

        JsonNode pins = object(root, "pins");
        only(pins, "pins.", "AUTH", "SIGN", "CARD_TEXT", "JUKI", "COMMON");
        for (Credential c : List.of(Credential.AUTH, Credential.SIGN, Credential.CARD_TEXT, Credential.JUKI,
                Credential.COMMON)) {
            JsonNode pin = object(pins, c.name());
            String at = "pins." + c.name() + ".";
            only(pin, at, "value", "triesLeft");
            JsonNode value = pin.get("value");
            if (value == null) {
                throw new BadProfileException(at + "value: missing (use null for a PIN that is not set)");
            }
            if (!value.isNull()) {
                byte[] v = CardProfile.ascii(value.asText());
                if (!value.isTextual() || !c.accepts(v)) {
                    throw new BadProfileException(at + "value: not a valid value for this PIN");
                }
                p.pinValues.put(c, v);
            }
            p.triesLeft.put(c, range(pin, at, "triesLeft", 0, c.maxTries));
        }
        JsonNode counters = object(root, "verificationCounters");
        only(counters, "verificationCounters.", "TEXT_A", "TEXT_B", "FACE_BIRTH", "FACE_B", "FACE_A");
        for (Credential c : List.of(Credential.TEXT_A, Credential.TEXT_B, Credential.FACE_BIRTH, Credential.FACE_B,
                Credential.FACE_A)) {
            p.triesLeft.put(c, range(counters, "verificationCounters.", c.name(), 0, c.maxTries));
        }
        JsonNode pending = object(root, "pending");
        only(pending, "pending.", "auth", "sign");
        for (String slot : List.of("auth", "sign")) {
            if (pending.get(slot) == null || !pending.get(slot).isNull()) {
                throw new BadProfileException("pending." + slot + ": must be null (pending keys are volatile)");
            }
        }
        return p;
    }

    public static byte[] write(CardProfile p) {
        ObjectNode root = NODES.objectNode();
        root.put("formatVersion", 1);
        if (p.comment != null) {
            root.set("comment", p.comment);
        }
        ObjectNode serial = root.putObject("serial");
        serial.put("cardSerial", p.cardSerial);
        serial.put("chipSerialNumber", Hex.of(p.chipSerialNumber));
        ObjectNode holder = root.putObject("holder");
        holder.put("myNumber", p.myNumber);
        holder.put("name", p.name);
        holder.put("address", p.address);
        holder.put("birthDate", p.birthDate.toString());
        holder.put("sex", p.sex);
        holder.put("foreignResident", p.foreignResident);
        ObjectNode face = root.putObject("cardFace");
        face.put("issuedOn", p.issuedOn.toString());
        face.put("expiryDate", p.expiryDate.toString());
        face.put("securityCode", p.securityCode);
        face.put("municipalityCode", p.municipalityCode);
        root.put("lifeCycle", p.lifeCycle.name());
        ObjectNode admin = root.putObject("admin");
        admin.put("cardKey", Hex.of(p.cardKey));
        admin.put("failureCount", p.adminFailureCount);
        ObjectNode keys = root.putObject("keys");
        keys.put("auth", base64(p.authKey == null ? null : p.authKey.getEncoded()));
        keys.put("sign", base64(p.signKey == null ? null : p.signKey.getEncoded()));
        keys.put("textAp", base64(p.textApKey == null ? null : p.textApKey.getEncoded()));
        keys.put("faceAp", base64(p.faceApKey == null ? null : p.faceApKey.getEncoded()));
        ObjectNode certs = root.putObject("certificates");
        certs.put("auth", base64(p.authCertificate));
        certs.put("sign", base64(p.signCertificate));
        certs.put("authCa", base64(p.authCaCertificate));
        certs.put("signCa", base64(p.signCaCertificate));
        ObjectNode pins = root.putObject("pins");
        for (Credential c : List.of(Credential.AUTH, Credential.SIGN, Credential.CARD_TEXT, Credential.JUKI,
                Credential.COMMON)) {
            ObjectNode pin = pins.putObject(c.name());
            byte[] v = p.pinValues.get(c);
            pin.put("value", v == null ? null : new String(v, java.nio.charset.StandardCharsets.US_ASCII));
            pin.put("triesLeft", p.triesLeft.get(c));
        }
        ObjectNode counters = root.putObject("verificationCounters");
        for (Credential c : List.of(Credential.TEXT_A, Credential.TEXT_B, Credential.FACE_BIRTH, Credential.FACE_B,
                Credential.FACE_A)) {
            counters.put(c.name(), p.triesLeft.get(c));
        }
        ObjectNode pending = root.putObject("pending");
        pending.putNull("auth");
        pending.putNull("sign");
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("JSON tree could not be written", e);
        }
    }

    private static String base64(byte[] bytes) {
        return bytes == null ? null : Base64.getEncoder().encodeToString(bytes);
    }

    private static void only(JsonNode node, String at, String... allowed) {
        Set<String> names = Set.of(allowed);
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String f = it.next();
            if (!names.contains(f)) {
                throw new BadProfileException(at + f + ": unknown field");
            }
        }
    }

    private static JsonNode object(JsonNode parent, String field) {
        JsonNode n = parent.get(field);
        if (n == null || !n.isObject()) {
            throw new BadProfileException(field + ": missing or not an object");
        }
        return n;
    }

    private static String text(JsonNode node, String at, String field) {
        JsonNode n = node.get(field);
        if (n == null || !n.isTextual() || n.textValue().isEmpty()) {
            throw new BadProfileException(at + field + ": missing or not a non-empty string");
        }
        return n.textValue();
    }

    private static String digits(JsonNode node, String at, String field, int count) {
        String s = text(node, at, field);
        if (!s.matches("[0-9]{" + count + "}")) {
            throw new BadProfileException(at + field + ": must be exactly " + count + " digits");
        }
        return s;
    }

    private static byte[] hex(JsonNode node, String path, int bytes) {
        String field = path.substring(path.indexOf('.') + 1);
        String s = text(node, path.substring(0, path.indexOf('.') + 1), field);
        if (!s.matches("[0-9A-Fa-f]{" + bytes * 2 + "}")) {
            throw new BadProfileException(path + ": must be " + bytes * 2 + " hex digits");
        }
        return Hex.parse(s);
    }

    private static LocalDate date(JsonNode node, String at, String field) {
        try {
            return LocalDate.parse(text(node, at, field));
        } catch (DateTimeParseException e) {
            throw new BadProfileException(at + field + ": not a YYYY-MM-DD date", e);
        }
    }

    private static int range(JsonNode node, String at, String field, int min, int max) {
        JsonNode n = node.get(field);
        if (n == null || !n.isInt() || n.intValue() < min || n.intValue() > max) {
            throw new BadProfileException(at + field + ": must be an integer " + min + "–" + max);
        }
        return n.intValue();
    }

    private static byte[] base64Field(JsonNode node, String path) {
        String field = path.substring(path.indexOf('.') + 1);
        JsonNode n = node.get(field);
        if (n == null) {
            throw new BadProfileException(path + ": missing (use null for none)");
        }
        if (n.isNull()) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(n.asText());
        } catch (IllegalArgumentException e) {
            throw new BadProfileException(path + ": not base64", e);
        }
    }

    private static RSAPrivateCrtKey key(JsonNode keys, String slot) {
        byte[] der = base64Field(keys, "keys." + slot);
        if (der == null) {
            return null;
        }
        try {
            RSAPrivateCrtKey k = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(der));
            if (k.getModulus().bitLength() != 2048 || !F4.equals(k.getPublicExponent())) {
                throw new BadProfileException("keys." + slot + ": must be RSA-2048 with e=65537");
            }
            return k;
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new BadProfileException("keys." + slot + ": not an RSA PKCS#8 private key", e);
        }
    }

    private static byte[] certificate(JsonNode certs, String slot, RSAPrivateCrtKey key, boolean required) {
        String path = "certificates." + slot;
        byte[] der = base64Field(certs, path);
        if (der == null) {
            if (required) {
                throw new BadProfileException(path + ": required");
            }
            return null;
        }
        X509Certificate cert;
        try {
            cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException e) {
            throw new BadProfileException(path + ": not an X.509 certificate", e);
        }
        if (!required) {
            if (key == null) {
                throw new BadProfileException(path + ": present but keys." + slot + " is null");
            }
            if (!(cert.getPublicKey() instanceof RSAPublicKey)
                    || !((RSAPublicKey) cert.getPublicKey()).getModulus().equals(key.getModulus())) {
                throw new BadProfileException(path + ": its public key does not match keys." + slot);
            }
        }
        return der;
    }
}
