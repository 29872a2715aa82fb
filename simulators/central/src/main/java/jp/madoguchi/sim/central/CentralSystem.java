package jp.madoguchi.sim.central;

import java.nio.file.Path;
import java.time.Clock;
import jp.madoguchi.sim.central.domain.CertificateService;
import jp.madoguchi.sim.central.domain.OfficeQueries;
import jp.madoguchi.sim.central.domain.OperationIngest;
import jp.madoguchi.sim.central.pki.CentralKeys;
import jp.madoguchi.sim.central.store.CentralDatabase;

/**
 * The central system's state and services over one data directory: the database, the key material,
 * the ingest, the office queries and the certificate service. Open it once per process; the
 * services are thread-safe.
 */
public final class CentralSystem implements AutoCloseable {

    private final Path dataDir;
    private final CentralDatabase db;
    private final CentralKeys keys;
    private final Clock clock;
    private final OperationIngest ingest;
    private final OfficeQueries queries;
    private final CertificateService certificates;

    private CentralSystem(Path dataDir, CentralDatabase db, CentralKeys keys, Clock clock) {
        this.dataDir = dataDir;
        this.db = db;
        this.keys = keys;
        this.clock = clock;
        this.ingest = new OperationIngest(db, clock);
        this.queries = new OfficeQueries(db, clock);
        this.certificates = new CertificateService(db, keys.jpki(), clock);
    }

    public static CentralSystem open(Path dataDir, Clock clock) throws Exception {
        CentralKeys keys = CentralKeys.openOrCreate(dataDir);
        return new CentralSystem(dataDir, CentralDatabase.open(dataDir), keys, clock);
    }

    public Path dataDir() {
        return dataDir;
    }

    public CentralDatabase database() {
        return db;
    }

    public CentralKeys keys() {
        return keys;
    }

    public Clock clock() {
        return clock;
    }

    public OperationIngest ingest() {
        return ingest;
    }

    public OfficeQueries queries() {
        return queries;
    }

    public CertificateService certificates() {
        return certificates;
    }

    @Override
    public void close() throws Exception {
        db.close();
    }
}
