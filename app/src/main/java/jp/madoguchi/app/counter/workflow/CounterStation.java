package jp.madoguchi.app.counter.workflow;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import jp.madoguchi.app.counter.domain.Office;
import jp.madoguchi.app.counter.domain.Staff;
import jp.madoguchi.app.counter.rules.CardPreconditions;
import jp.madoguchi.app.counter.rules.CertificateRules;
import jp.madoguchi.app.counter.rules.ConnectivityRules;
import jp.madoguchi.app.counter.rules.IdentityRules;
import jp.madoguchi.app.counter.rules.MaintenanceCalendar;
import jp.madoguchi.app.counter.rules.OverseasCardRules;
import jp.madoguchi.app.counter.rules.PermissionMatrix;
import jp.madoguchi.app.counter.rules.ValidityRules;
import jp.madoguchi.cache.CacheStore;
import jp.madoguchi.cache.LinkState;
import jp.madoguchi.cache.ReadCache;
import jp.madoguchi.cache.SyncEngine;
import jp.madoguchi.card.CardMonitor;

/**
 * Everything a workflow works with at one counter: who and where, the card thread and its reader, the
 * durable store, the read cache, the link, the CA and the rules. Built once per signed-in clerk; the
 * parts are thread-safe, a workflow using them is not (one workflow, one caller thread).
 *
 * @param stateDir where interrupted workflows keep their state (the data directory's {@code workflows/})
 */
public record CounterStation(Office office, Staff staff, CardMonitor monitor, String reader, byte[] issuerKey,
                             CacheStore store, ReadCache cache, SyncEngine sync, CertificateAuthority ca, Clock clock,
                             ConnectivityRules.OfficeSettings officeSettings, MaintenanceCalendar calendar, Path stateDir) {

    public CounterStation {
        Objects.requireNonNull(office, "office");
        Objects.requireNonNull(staff, "staff");
        Objects.requireNonNull(monitor, "monitor");
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(issuerKey, "issuerKey");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(sync, "sync");
        Objects.requireNonNull(ca, "ca");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(officeSettings, "officeSettings");
        Objects.requireNonNull(calendar, "calendar");
        Objects.requireNonNull(stateDir, "stateDir");
    }

    /** Whether the link answers now: the only input of "online" for the rules (sync-protocol "Link probing"). */
    public boolean online() {
        return sync.link() == LinkState.ONLINE;
    }

    ValidityRules validity() {
        return new ValidityRules();
    }

    CardPreconditions preconditions() {
        return new CardPreconditions(validity());
    }

    ConnectivityRules connectivity() {
        return new ConnectivityRules(preconditions());
    }

    IdentityRules identity() {
        return new IdentityRules();
    }

    PermissionMatrix permissions() {
        return new PermissionMatrix();
    }

    OverseasCardRules overseasCards() {
        return new OverseasCardRules();
    }

    CertificateRules certificates() {
        return new CertificateRules(validity());
    }
}
