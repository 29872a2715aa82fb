package jp.madoguchi.cache;

import java.net.URI;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import jp.madoguchi.sim.central.CentralSystem;
import jp.madoguchi.sim.central.Enrolment;
import jp.madoguchi.sim.central.api.CentralServer;
import jp.madoguchi.sim.central.faults.FaultInjector;
import jp.madoguchi.sim.central.faults.FaultSettings;

/**
 * The reference central system, for real: its own data directory, HTTPS + mutual TLS on a free
 * loopback port, enrolment files written by its enrolment code, its fault injector. Nothing here is
 * mocked; the workstation side reaches it only over the network.
 */
final class CentralFixture implements AutoCloseable {

    static final String OFFICE = "131016";
    static final String TERMINAL = "T01";
    static final char[] PASSWORD = "enrolment-secret".toCharArray();

    final Path dir;
    final FaultInjector faults = new FaultInjector();
    CentralSystem system;
    CentralServer server;
    final Path enrolment;

    CentralFixture(Path dir) throws Exception {
        this.dir = dir;
        system = CentralSystem.open(dir.resolve("central"), Clock.systemUTC());
        server = CentralServer.start(system, faults, "127.0.0.1", 0, -1);
        enrolment = dir.resolve("enrolment");
        Enrolment.enrol(system, OFFICE, "MUNICIPAL", TERMINAL, enrolment, PASSWORD.clone(), Duration.ofDays(30));
    }

    CentralClient client(Duration timeout) {
        return CentralClient.open(URI.create("https://127.0.0.1:" + server.port()), enrolment.resolve(Enrolment.KEYSTORE),
                PASSWORD.clone(), enrolment.resolve(Enrolment.CA_PEM), timeout);
    }

    void faults(FaultSettings settings) {
        faults.set(settings);
    }

    /** How many operations central stored for the terminal, and how many distinct opIds among them. */
    long[] storedOperations() throws Exception {
        return system.database().read(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT count(*), count(DISTINCT op_id), coalesce(max(seq), 0) FROM operation WHERE terminal_id = ?")) {
                s.setString(1, TERMINAL);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
                }
            }
        });
    }

    /** Central's stored (outcome, type) per seq, in seq order. */
    List<String[]> operations() throws Exception {
        return system.database().read(c -> {
            List<String[]> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT seq, op_id, type, outcome, body FROM operation WHERE terminal_id = ? ORDER BY seq")) {
                s.setString(1, TERMINAL);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)});
                    }
                }
            }
            return out;
        });
    }

    /** A consistent copy of central's database (SQLite VACUUM INTO), as an operator's backup would be. */
    void backup(Path to) throws Exception {
        system.database().read(c -> c.createStatement().execute("VACUUM INTO '" + to.toAbsolutePath() + "'"));
    }

    /** Central is restored from {@code backup} and restarted on the same port: it has forgotten what came after. */
    void restoreAndRestart(Path backup) throws Exception {
        int port = server.port();
        server.close();
        system.close();
        Path db = dir.resolve("central").resolve("central.db");
        java.nio.file.Files.deleteIfExists(db.resolveSibling("central.db-wal"));
        java.nio.file.Files.deleteIfExists(db.resolveSibling("central.db-shm"));
        java.nio.file.Files.copy(backup, db, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        system = CentralSystem.open(dir.resolve("central"), Clock.systemUTC());
        server = CentralServer.start(system, faults, "127.0.0.1", port, -1);
    }

    @Override
    public void close() throws Exception {
        server.close();
        system.close();
    }
}
