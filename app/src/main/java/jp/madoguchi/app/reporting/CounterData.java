package jp.madoguchi.app.reporting;

import jp.madoguchi.app.counter.workflow.CounterStation;
import jp.madoguchi.cache.CacheStore;
import jp.madoguchi.cache.ReadCache;
import jp.madoguchi.cache.SyncStatus;

/**
 * What the period reports read of a counter: its store and read cache, the sync engine's status at the
 * time, the office and the signed-in staff member (whose name the tally prints for their own acts).
 */
public record CounterData(CacheStore store, ReadCache cache, SyncStatus sync, String officeCode, String officeName,
                          String staffId, String staffName) {

    /** The data of a signed-in counter (reads the sync engine's status now). */
    public static CounterData of(CounterStation st) {
        return new CounterData(st.store(), st.cache(), st.sync().status(), st.office().code(), st.office().name(),
                st.staff().staffId(), st.staff().name());
    }
}
