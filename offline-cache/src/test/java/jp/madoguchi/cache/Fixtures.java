package jp.madoguchi.cache;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.SecretKey;

/** Synthetic acts and keys for the tests. All residents here are invented. */
final class Fixtures {

    /** A synthetic My Number (valid check digit is irrelevant here: it must simply never appear in the file). */
    static final String MY_NUMBER = "918273645501";

    private Fixtures() {
    }

    static SecretKey key(Path dir) {
        return KeyVault.openOrCreate(dir.resolve("enrolment").resolve("cache-key.p12"), "enrol-secret".toCharArray());
    }

    static CounterAct delivery(String cardSerial, int i) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("cardSerial", cardSerial);
        payload.put("applicationId", "APP-" + i);
        payload.put("deliveredAt", "2026-11-25T01:00:00Z");
        payload.put("visitorType", "HOLDER");
        payload.put("idMethod", List.of("ID_A"));
        payload.put("pinTypesSet", List.of("SIGN", "AUTH", "JUKI", "CARD_TEXT"));
        payload.put("cardType", "PIN");
        return new CounterAct(OperationType.DELIVERY_COMPLETED, "C001", null, cardSerial, 1L, payload);
    }

    /** An application intake that carries personal data (name, birth date, address, My Number). */
    static CounterAct applicationWithPersonalData(int i) {
        Map<String, Object> resident = new LinkedHashMap<>();
        resident.put("name", "窓口 花子");
        resident.put("birthDate", "1990-04-01");
        resident.put("sex", "F");
        resident.put("address", "東京都千代田区霞が関一丁目" + i);
        resident.put("myNumber", MY_NUMBER);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("applicationId", "APP-P-" + i);
        payload.put("kind", "DOMESTIC");
        payload.put("express", false);
        payload.put("resident", resident);
        payload.put("visitorType", "HOLDER");
        payload.put("idMethod", List.of("ID_A"));
        return new CounterAct(OperationType.APPLICATION_SUBMITTED, "C001", null, null, null, payload);
    }

    static String serial(int i) {
        return String.format("%015d", 100000000000000L + i);
    }
}
