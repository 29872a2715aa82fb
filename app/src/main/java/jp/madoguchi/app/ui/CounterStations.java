package jp.madoguchi.app.ui;

import jp.madoguchi.app.counter.workflow.CounterStation;
import jp.madoguchi.app.staff.StaffAccount;

/**
 * The counter's parts (card thread and reader, queue, read cache, link, CA, rules) for the signed-in
 * staff member. Blocking: call it on the task executor, never on the FX thread. Throws a coded
 * {@link jp.madoguchi.common.MadoguchiException} when a part cannot be opened.
 */
@FunctionalInterface
public interface CounterStations {

    CounterStation forStaff(StaffAccount staff);
}
