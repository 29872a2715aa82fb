package jp.madoguchi.app.ui;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import jp.madoguchi.app.selfcheck.SelfCheck;
import jp.madoguchi.app.staff.StaffDirectory;
import jp.madoguchi.reports.ReportEngine;

/**
 * Everything the window needs, wired once by {@link WorkstationApplication} (and by the tests, with
 * a temporary data directory and a clock they move).
 *
 * @param staff        the staff accounts, or {@code null} when the staff file cannot be read (MDG-UI-003)
 * @param idleLimit    inactivity before the screen locks
 * @param tick         how often the window checks the idle limit and refreshes the ages it shows
 * @param selfCheck    the installation self-check; blocking, run on the executor
 * @param stations     the counter's parts for the signed-in staff member
 * @param reports      the report engine (templates loaded once), shared by every screen that prints
 * @param saveDialog   where to save a file (the reports screen's PDF)
 */
public record Workstation(OfficeIdentity office, boolean trainingMode, Texts texts, Appearance appearance,
        StaffDirectory staff, TaskExecutor executor, UiThread uiThread, Clock clock, Duration idleLimit, Duration tick,
        ReaderStatusSource readerStatus, SyncStatusSource syncStatus, DialogService dialogs,
        Callable<List<SelfCheck.Result>> selfCheck, CounterStations stations, ReportEngine reports,
        SaveFileDialog saveDialog) {
}
