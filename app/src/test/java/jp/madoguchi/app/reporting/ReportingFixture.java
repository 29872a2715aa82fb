package jp.madoguchi.app.reporting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import jp.madoguchi.cache.CacheStore;
import jp.madoguchi.cache.KeyVault;
import jp.madoguchi.cache.ReadCache;
import jp.madoguchi.cache.StoreSettings;
import jp.madoguchi.cache.SyncSteps;
import jp.madoguchi.common.testing.MutableClock;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * A real store and read cache on SQLite files in a temporary directory, on a clock the test moves, and
 * feed events written the way central's feed carries them (sync-protocol "Types"), stored through the
 * sync engine's own step.
 */
final class ReportingFixture implements AutoCloseable {

    static final String OFFICE = "131016";
    static final ObjectMapper JSON = new ObjectMapper();

    final MutableClock clock;
    final CacheStore store;
    final ReadCache cache;
    private final List<JsonNode> page = new ArrayList<>();
    private long eventId;

    ReportingFixture(Path dir, Instant now) {
        clock = new MutableClock(now);
        var key = KeyVault.openOrCreate(dir.resolve("key").resolve("cache-key.p12"), "reporting-test".toCharArray());
        StoreSettings settings = StoreSettings.defaults(dir.resolve("data"), "T01").withClock(clock);
        store = CacheStore.open(settings, key);
        cache = ReadCache.open(settings, key, OFFICE);
    }

    /** A resident summary as central puts it on CARD_SHIPPED and EXPIRY_NOTICE_SENT. */
    static ObjectNode resident(String name, String kana, LocalDate birth, String address, String postalCode) {
        ObjectNode r = JSON.createObjectNode().put("name", name);
        if (kana != null) {
            r.put("nameFurigana", kana);
        }
        r.put("birthDate", birth.toString()).put("sex", 2).put("address", address);
        if (postalCode != null) {
            r.put("postalCode", postalCode);
        }
        return r;
    }

    /** The 23:59:59 JST notAfter of a certificate expiring on {@code day} (N14). */
    static String notAfter(LocalDate day) {
        return day.atTime(14, 59, 59).toInstant(ZoneOffset.UTC).toString();
    }

    ReportingFixture shipped(String serial, ObjectNode resident, LocalDate validTo, LocalDate received, LocalDate issued,
                             String... certs) {
        ObjectNode e = event("CARD_SHIPPED", serial).put("applicationId", "A" + serial.substring(4)).put("status", "ISSUED")
                .put("version", 1).put("express", false).put("pinsPreset", false).put("shippedOn", issued.toString())
                .put("applicationReceivedOn", received.toString()).put("validTo", validTo.toString())
                .put("issuedOn", issued.toString());
        ArrayNode list = e.putArray("certificates");
        for (int i = 0; i + 2 < certs.length; i += 3) {
            list.add(JSON.createObjectNode().put("kind", certs[i]).put("certSerial", certs[i + 1]).put("notAfter", certs[i + 2]));
        }
        e.set("resident", resident);
        page.add(e);
        return this;
    }

    ReportingFixture cardStatus(String serial, String status, String reason, long version) {
        ObjectNode e = event("CARD_STATUS_CHANGED", serial).put("status", status);
        if (reason != null) {
            e.put("reason", reason);
        }
        page.add(e.put("version", version));
        return this;
    }

    ReportingFixture cert(String serial, String kind, String certSerial, String status, String reason, String notAfter,
                          long version) {
        ObjectNode e = event("CERT_STATUS_CHANGED", serial).put("kind", kind).put("certSerial", certSerial).put("status", status);
        if (reason != null) {
            e.put("reason", reason);
        }
        page.add(e.put("notAfter", notAfter).put("version", version));
        return this;
    }

    /** J-LIS's notice: {@code items} alternate item and expiry date. */
    ReportingFixture expiryNotice(String serial, LocalDate sentOn, ObjectNode resident, String... items) {
        ObjectNode e = event("EXPIRY_NOTICE_SENT", serial);
        ArrayNode list = e.putArray("items");
        for (int i = 0; i < items.length; i += 2) {
            list.add(JSON.createObjectNode().put("item", items[i]).put("expiresOn", items[i + 1]));
        }
        e.put("sentOn", sentOn.toString());
        e.set("resident", resident);
        page.add(e);
        return this;
    }

    private ObjectNode event(String type, String serial) {
        return JSON.createObjectNode().put("eventId", ++eventId).put("type", type).put("cardSerial", serial);
    }

    /** Stores the events written so far as one feed page, as the sync engine does. */
    void applyFeed() {
        SyncSteps.applyFeed(cache, List.copyOf(page), "cp-" + eventId);
        page.clear();
    }

    CounterData data(jp.madoguchi.cache.SyncStatus status) {
        return new CounterData(store, cache, status, OFFICE, OFFICE, "C001", "窓口 花子");
    }

    /** The PDF's text with all white space (ASCII and ideographic) removed. */
    static String text(byte[] pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document).replaceAll("[\\s\u3000]+", "");
        }
    }

    static int pages(byte[] pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return document.getNumberOfPages();
        }
    }

    @Override
    public void close() {
        cache.close();
        store.close();
    }
}
