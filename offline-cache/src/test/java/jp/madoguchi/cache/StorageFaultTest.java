package jp.madoguchi.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.crypto.SecretKey;
import jp.madoguchi.common.MadoguchiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real faults under a real SQLite file: another process holding the lock, a full file system, a
 * read-only file system, a damaged row. Each must give its code and leave the queue intact. The file
 * system faults mount a small tmpfs, which needs root: the test fails (it does not skip) without it.
 */
class StorageFaultTest {

    @TempDir
    Path dir;

    private static String code(Throwable t) {
        return CacheStoreTest.code(t);
    }

    @Test
    void aDatabaseLockedByAnotherProcessIsACodedErrorAndWorkResumesAfter() throws Exception {
        SecretKey key = Fixtures.key(dir);
        StoreSettings settings = StoreSettings.defaults(dir, "T01").withBusyTimeout(Duration.ofMillis(300));
        try (CacheStore store = CacheStore.open(settings, key)) {
            store.record(Fixtures.delivery(Fixtures.serial(1), 1));
            Process holder = ChildJvm.start(LockHolderMain.class, settings.outboxFile().toString());
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
                assertThat(out.readLine()).isEqualTo("LOCKED");
                assertThatThrownBy(() -> store.record(Fixtures.delivery(Fixtures.serial(2), 2)))
                        .satisfies(e -> assertThat(code(e)).isEqualTo("MDG-CACHE-003"));
                holder.getOutputStream().write('\n');
                holder.getOutputStream().flush();
                assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
            } finally {
                holder.destroyForcibly();
            }
            assertThat(store.record(Fixtures.delivery(Fixtures.serial(2), 2)).seq()).isEqualTo(2);
            assertThat(store.entries(1, 10)).extracting(OutboxEntry::seq).containsExactly(1L, 2L);
            assertThat(store.verifyAudit().intact()).isTrue();
        }
    }

    @Test
    void aDamagedRowIsACodedErrorAndTheQueueKeepsIt() throws Exception {
        try (CacheStore store = CacheStore.open(StoreSettings.defaults(dir, "T01"), Fixtures.key(dir))) {
            for (int i = 1; i <= 3; i++) {
                store.record(Fixtures.delivery(Fixtures.serial(i), i));
            }
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("outbox.db"))) {
            // Flip one bit inside the ciphertext of seq 2.
            byte[] payload;
            try (var rs = c.createStatement().executeQuery("select payload from outbox where seq = 2")) {
                rs.next();
                payload = rs.getBytes(1);
            }
            payload[20] ^= 1;
            try (var p = c.prepareStatement("update outbox set payload = ? where seq = 2")) {
                p.setBytes(1, payload);
                p.executeUpdate();
            }
        }
        try (CacheStore store = CacheStore.open(StoreSettings.defaults(dir, "T01"), Fixtures.key(dir))) {
            assertThatThrownBy(() -> store.unsettled(10)).satisfies(e -> {
                assertThat(code(e)).isEqualTo("MDG-CACHE-004");
                assertThat(String.valueOf(((MadoguchiException) e).params().get("seq"))).isEqualTo("2");
            });
            assertThat(store.unsettled(1)).hasSize(1);
            assertThat(store.entries(1, 10)).extracting(OutboxEntry::seq).containsExactly(1L, 2L, 3L);
            assertThat(store.record(Fixtures.delivery(Fixtures.serial(4), 4)).seq()).isEqualTo(4);
        }
    }

    @Test
    void aFullDiskIsACodedErrorAndEveryReturnedActSurvives() throws Exception {
        Path mount = Files.createDirectory(dir.resolve("small"));
        SecretKey key = Fixtures.key(dir);
        run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mount.toString());
        try {
            StoreSettings settings = StoreSettings.defaults(mount, "T01");
            List<RecordedAct> returned = new ArrayList<>();
            MadoguchiException failure = null;
            try (CacheStore store = CacheStore.open(settings, key)) {
                for (int i = 0; i < 100_000 && failure == null; i++) {
                    try {
                        returned.add(store.record(Fixtures.applicationWithPersonalData(i)));
                    } catch (MadoguchiException e) {
                        failure = e;
                    }
                }
                assertThat(failure).as("the 1 MiB file system never filled up").isNotNull();
                assertThat(failure.code()).isEqualTo("MDG-CACHE-002");
                assertThat(returned).hasSizeGreaterThan(10);
                // A second attempt fails the same way and still leaves everything in place.
                assertThatThrownBy(() -> store.record(Fixtures.delivery(Fixtures.serial(1), 1)))
                        .satisfies(e -> assertThat(code(e)).isEqualTo("MDG-CACHE-002"));
                assertThat(store.summary().lastSeq()).isEqualTo(returned.size());
            } catch (MadoguchiException closing) {
                // Closing may itself fail to checkpoint on a full disk; the data is in the WAL.
                assertThat(closing.code()).isIn("MDG-CACHE-002", "MDG-CACHE-012");
            }
            run("mount", "-o", "remount,size=16m", mount.toString());
            try (CacheStore store = CacheStore.open(settings, key)) {
                assertThat(store.entries(1, 200_000)).extracting(OutboxEntry::opId)
                        .containsExactlyElementsOf(returned.stream().map(RecordedAct::opId).toList());
                assertThat(store.verifyAudit().intact()).isTrue();
                assertThat(store.record(Fixtures.delivery(Fixtures.serial(1), 1)).seq()).isEqualTo(returned.size() + 1);
            }
        } finally {
            run("umount", "-l", mount.toString());
        }
    }

    @Test
    void aReadOnlyDataDirectoryIsACodedErrorAndTheQueueIsIntact() throws Exception {
        // The data directory is seen through a read-only bind mount: the kernel refuses every write.
        Path data = Files.createDirectory(dir.resolve("data"));
        Path view = Files.createDirectory(dir.resolve("view"));
        SecretKey key = Fixtures.key(dir);
        try (CacheStore store = CacheStore.open(StoreSettings.defaults(data, "T01"), key)) {
            store.record(Fixtures.delivery(Fixtures.serial(1), 1));
            store.record(Fixtures.delivery(Fixtures.serial(2), 2));
        }
        byte[] before = Files.readAllBytes(data.resolve("outbox.db"));
        run("mount", "--bind", data.toString(), view.toString());
        try {
            run("mount", "-o", "remount,bind,ro", view.toString());
            assertThatThrownBy(() -> CacheStore.open(StoreSettings.defaults(view, "T01"), key))
                    .satisfies(e -> assertThat(code(e)).isEqualTo("MDG-CACHE-001"));
            assertThatThrownBy(() -> CacheStore.open(StoreSettings.defaults(view.resolve("sub"), "T01"), key))
                    .satisfies(e -> assertThat(code(e)).isEqualTo("MDG-CACHE-001"));
        } finally {
            run("umount", view.toString());
        }
        assertThat(Files.readAllBytes(data.resolve("outbox.db"))).isEqualTo(before);
        try (CacheStore store = CacheStore.open(StoreSettings.defaults(data, "T01"), key)) {
            assertThat(store.entries(1, 10)).extracting(OutboxEntry::seq).containsExactly(1L, 2L);
            assertThat(store.record(Fixtures.delivery(Fixtures.serial(3), 3)).seq()).isEqualTo(3);
            assertThat(store.verifyAudit().intact()).isTrue();
        }
    }

    /** Runs a mount command and fails the test loudly if it does not succeed (e.g. not root). */
    static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("%s failed (the file-system fault tests need root): %s", String.join(" ", command), output)
                .isZero();
    }
}
