package jp.madoguchi.app.reporting;

import java.util.ArrayList;
import java.util.List;
import jp.madoguchi.cache.CacheStore;
import jp.madoguchi.cache.OutboxEntry;

/** Every outbox entry of the store, read page by page in seq order (no personal data: payloads stay sealed). */
final class StoreEntries {

    private static final int PAGE = 500;

    private StoreEntries() {
    }

    static List<OutboxEntry> all(CacheStore store) {
        List<OutboxEntry> all = new ArrayList<>();
        long next = 1;
        while (true) {
            List<OutboxEntry> page = store.entries(next, PAGE);
            all.addAll(page);
            if (page.size() < PAGE) {
                return all;
            }
            next = page.get(page.size() - 1).seq() + 1;
        }
    }
}
