package jp.madoguchi.app.station;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import jp.madoguchi.app.counter.workflow.CounterStation;
import jp.madoguchi.app.staff.StaffAccount;
import jp.madoguchi.app.staff.StaffRole;
import jp.madoguchi.app.ui.LinkState;
import jp.madoguchi.app.ui.ReaderState;
import jp.madoguchi.app.ui.ReaderStatus;
import jp.madoguchi.app.ui.SyncStatus;
import jp.madoguchi.cache.CounterAct;
import jp.madoguchi.cache.OperationType;
import jp.madoguchi.common.Configuration;
import jp.madoguchi.common.MadoguchiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The composition root over the real parts: central over mTLS, SQLite files, the card thread. */
class CounterServicesTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final StaffAccount CLERK = new StaffAccount("C001", "窓口 花子", StaffRole.CLERK, 0, null);

    @TempDir
    Path dir;

    @Test
    void without_enrolment_the_parts_fail_with_a_code_and_the_reader_still_reports() throws Exception {
        Configuration config = Configuration.load(List.of("--set", "data.dir=" + dir, "--set", "reader.provider=sim"));
        try (CounterServices services = CounterServices.open(config, Clock.systemUTC())) {
            assertThat(services.failure()).get().extracting(MadoguchiException::code).isEqualTo("MDG-UI-006");
            assertThat(services.failure().get().params().get("path").toString()).endsWith("workstation.p12");
            assertThatThrownBy(() -> services.forStaff(CLERK)).isInstanceOf(MadoguchiException.class).hasMessageContaining("MDG-UI-006");
            List<SyncStatus> sync = new CopyOnWriteArrayList<>();
            services.syncStatus().subscribe(sync::add);
            assertThat(sync).singleElement().satisfies(s -> {
                assertThat(s.connected()).isFalse();
                assertThat(s.failure().code()).isEqualTo("MDG-UI-006");
            });
            List<ReaderStatus> reader = new CopyOnWriteArrayList<>();
            services.readerStatus().subscribe(reader::add);
            StationFixture.await("the emulated reader, empty", WAIT,
                    () -> reader.contains(new ReaderStatus(ReaderState.NO_CARD, "Madoguchi Sim 00 00")));
            assertThat(Files.exists(dir.resolve("outbox.db"))).as("no queue was created without enrolment").isFalse();
        }
    }

    @Test
    void an_enrolled_workstation_gets_a_station_and_the_status_follows_link_and_queue() throws Exception {
        try (StationFixture f = new StationFixture(dir, 3)) {
            assertThat(f.services.failure()).isEmpty();
            List<SyncStatus> seen = new CopyOnWriteArrayList<>();
            f.services.syncStatus().subscribe(seen::add);
            StationFixture.await("link ONLINE and the feed read", WAIT,
                    () -> last(seen).connected() && last(seen).link() == LinkState.ONLINE && last(seen).cacheRefreshedAt() != null);

            f.services.trainingReaders().orElseThrow().insert(0, f.cards.get(0).profile());
            StationFixture.await("the card in the emulated reader", WAIT, () -> readerNow(f).state() == ReaderState.CARD_READY);
            CounterStation station = f.services.forStaff(new StaffAccount("S001", "責任 太郎", StaffRole.SUPERVISOR, 0, null));
            assertThat(station.reader()).isEqualTo("Madoguchi Sim 00 00");
            assertThat(station.staff().isSupervisor()).isTrue();
            assertThat(station.office().code()).isEqualTo(StationFixture.OFFICE);
            assertThat(station.officeSettings().maxCacheAge()).isEqualTo(Duration.ofHours(72));
            assertThat(station.cache().card(f.cards.get(0).cardSerial())).isPresent();

            f.partition(true);
            StationFixture.await("link OFFLINE", WAIT, () -> last(seen).link() == LinkState.OFFLINE);
            station.store().record(new CounterAct(OperationType.PIN_RESET, "S001", null, "999999999999999", null,
                    Map.of("cardSerial", "999999999999999", "pinTypes", List.of("AUTH"), "reason", "FORGOTTEN",
                            "triesLeftBefore", 0, "visitorType", "HOLDER", "idMethod", List.of("ID_A"))));
            StationFixture.await("queue depth 1 with its age", WAIT, () -> last(seen).queueDepth() == 1 && last(seen).oldestEntry() != null);
            f.partition(false);
            StationFixture.await("the queue drained once central is back", WAIT,
                    () -> last(seen).link() == LinkState.ONLINE && last(seen).queueDepth() == 0);
        }
    }

    @Test
    void training_mode_keeps_its_own_queue_and_sends_nothing() throws Exception {
        try (StationFixture f = new StationFixture(dir, 1, "training.mode=true")) {
            assertThat(f.services.trainingMode()).isTrue();
            CounterStation station = f.services.forStaff(CLERK);
            station.store().record(new CounterAct(OperationType.PIN_RESET, "C001", null, "999999999999999", null,
                    Map.of("cardSerial", "999999999999999", "pinTypes", List.of("AUTH"), "reason", "FORGOTTEN",
                            "triesLeftBefore", 0, "visitorType", "HOLDER", "idMethod", List.of("ID_A"))));
            Thread.sleep(1500);
            assertThat(station.store().summary().depth()).as("nothing was sent").isEqualTo(1);
            assertThat(station.sync().link()).isEqualTo(jp.madoguchi.cache.LinkState.OFFLINE);
            assertThat(f.data.resolve("training").resolve("outbox.db")).exists();
            assertThat(f.data.resolve("outbox.db")).doesNotExist();
            Integer received = f.central.database().read(c -> {
                try (var s = c.prepareStatement("SELECT count(*) FROM operation")) {
                    try (var rs = s.executeQuery()) {
                        rs.next();
                        return rs.getInt(1);
                    }
                }
            });
            assertThat(received).as("central received no operation").isZero();
        }
    }

    private static SyncStatus last(List<SyncStatus> seen) {
        return seen.isEmpty() ? SyncStatus.NOT_CONNECTED : seen.get(seen.size() - 1);
    }

    private static ReaderStatus readerNow(StationFixture f) {
        List<ReaderStatus> now = new CopyOnWriteArrayList<>();
        f.services.readerStatus().subscribe(now::add).close();
        return now.get(0);
    }
}
