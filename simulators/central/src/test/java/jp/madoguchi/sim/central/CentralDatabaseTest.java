package jp.madoguchi.sim.central;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jp.madoguchi.sim.central.domain.CentralRecords;
import jp.madoguchi.sim.central.store.CentralDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The single writer with group commit: failures roll back alone, commits survive reopening. */
class CentralDatabaseTest {

    @TempDir
    Path dir;

    private static long count(CentralDatabase db) throws Exception {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM office"); ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Test
    void a_failing_write_among_concurrent_ones_rolls_back_alone_and_the_rest_survive_a_reopen() throws Exception {
        try (CentralDatabase db = CentralDatabase.open(dir)) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    int n = i;
                    futures.add(pool.submit(() -> db.write(c -> {
                        CentralRecords.ensureOffice(c, String.format("%06d", n), "MUNICIPAL");
                        if (n % 10 == 3) {
                            throw new IllegalStateException("task " + n + " fails after writing");
                        }
                        return null;
                    })));
                }
                int failed = 0;
                for (Future<?> f : futures) {
                    try {
                        f.get();
                    } catch (java.util.concurrent.ExecutionException e) {
                        assertThat(e.getCause()).isInstanceOf(IllegalStateException.class);
                        failed++;
                    }
                }
                assertThat(failed).isEqualTo(4);
            } finally {
                pool.shutdown();
            }
            assertThat(count(db)).isEqualTo(36);
        }
        try (CentralDatabase db = CentralDatabase.open(dir)) {
            assertThat(count(db)).isEqualTo(36);
            long failedRows = db.read(c -> {
                try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM office WHERE code = '000003'");
                        ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
            assertThat(failedRows).isZero();
        }
    }

    @Test
    void the_writer_holds_no_lock_while_idle_so_another_process_can_write() throws Exception {
        try (CentralDatabase server = CentralDatabase.open(dir); CentralDatabase other = CentralDatabase.open(dir)) {
            server.write(c -> {
                CentralRecords.ensureOffice(c, "131016", "MUNICIPAL");
                return null;
            });
            other.write(c -> {
                CentralRecords.ensureOffice(c, "271004", "MUNICIPAL");
                return null;
            });
            assertThat(count(server)).isEqualTo(2);
        }
    }

    @Test
    void writes_after_close_are_refused() throws Exception {
        CentralDatabase db = CentralDatabase.open(dir);
        db.close();
        assertThatThrownBy(() -> db.write(c -> null)).isInstanceOf(IllegalStateException.class);
    }
}
