package jp.madoguchi.app.station;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import jp.madoguchi.app.staff.StaffAccount;
import jp.madoguchi.app.staff.StaffRole;
import jp.madoguchi.app.ui.ReaderState;
import jp.madoguchi.app.ui.ReaderStatus;
import jp.madoguchi.app.ui.Subscription;
import jp.madoguchi.app.ui.SyncStatus;
import jp.madoguchi.common.Configuration;
import jp.madoguchi.common.MadoguchiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The composition root opened after the window (issue 8): status listeners see "not connected" until
 * the parts are open, then the parts' own reports, the opening failure included; the station waits.
 */
class BackgroundCounterServicesTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final StaffAccount CLERK = new StaffAccount("C001", "窓口 花子", StaffRole.CLERK, 0, null);

    @TempDir
    Path dir;

    private Configuration unenrolled() {
        return Configuration.load(List.of("--set", "data.dir=" + dir, "--set", "reader.provider=sim"));
    }

    @Test
    void listeners_get_not_connected_at_once_then_the_opened_parts_reports_and_failure() throws Exception {
        try (BackgroundCounterServices services = new BackgroundCounterServices(unenrolled(), Clock.systemUTC())) {
            List<SyncStatus> sync = new CopyOnWriteArrayList<>();
            List<ReaderStatus> reader = new CopyOnWriteArrayList<>();
            services.syncStatus().subscribe(sync::add);
            services.readerStatus().subscribe(reader::add);
            assertThat(sync).containsExactly(SyncStatus.NOT_CONNECTED);
            assertThat(reader).containsExactly(ReaderStatus.NOT_CONNECTED);

            services.startOpening();
            StationFixture.await("the opening failure in the sync status", WAIT,
                    () -> sync.size() == 2 && sync.get(1).failure() != null);
            assertThat(sync.get(1).failure().code()).isEqualTo("MDG-UI-006");
            StationFixture.await("the emulated reader, empty", WAIT,
                    () -> reader.contains(new ReaderStatus(ReaderState.NO_CARD, "Madoguchi Sim 00 00")));
            assertThatThrownBy(() -> services.forStaff(CLERK)).isInstanceOf(MadoguchiException.class)
                    .hasMessageContaining("MDG-UI-006");

            List<SyncStatus> late = new CopyOnWriteArrayList<>();
            services.syncStatus().subscribe(late::add);
            assertThat(late).as("once open, a new listener gets the parts' status directly").singleElement()
                    .satisfies(s -> assertThat(s.failure().code()).isEqualTo("MDG-UI-006"));
        }
    }

    @Test
    void a_subscription_closed_before_the_opening_is_never_handed_over() throws Exception {
        try (BackgroundCounterServices services = new BackgroundCounterServices(unenrolled(), Clock.systemUTC())) {
            List<SyncStatus> closedEarly = new CopyOnWriteArrayList<>();
            List<SyncStatus> open = new CopyOnWriteArrayList<>();
            Subscription early = services.syncStatus().subscribe(closedEarly::add);
            services.syncStatus().subscribe(open::add);
            early.close();
            services.startOpening();
            services.parts();
            StationFixture.await("the open listener handed over", WAIT, () -> open.size() == 2);
            assertThat(closedEarly).containsExactly(SyncStatus.NOT_CONNECTED);
        }
    }

    @Test
    void closing_before_opening_does_nothing_and_opening_twice_opens_once() {
        new BackgroundCounterServices(unenrolled(), Clock.systemUTC()).close();
        try (BackgroundCounterServices services = new BackgroundCounterServices(unenrolled(), Clock.systemUTC())) {
            services.startOpening();
            services.startOpening();
            assertThat(services.parts()).isSameAs(services.parts());
            assertThat(services.parts().failure()).get().extracting(MadoguchiException::code).isEqualTo("MDG-UI-006");
        }
    }
}
