package jp.madoguchi.app.staff;

import java.util.ArrayList;
import java.util.List;

/**
 * The two accounts {@code ./mado demo} provisions in its own data directory: a clerk and a
 * supervisor with published passwords (docs/ui.md). Never used outside the demo: a real office
 * provisions its staff with {@code ./mado staff add}.
 */
public final class DemoStaff {

    public static final String CLERK_ID = "C001";
    public static final String CLERK_PASSWORD = "clerk-demo-2026";
    public static final String SUPERVISOR_ID = "S001";
    public static final String SUPERVISOR_PASSWORD = "supervisor-demo-2026";

    private DemoStaff() {
    }

    /** Adds the demo accounts that are missing; returns the ids it added. Blocks (hashing). */
    public static List<String> provisionMissing(StaffDirectory directory) {
        List<String> added = new ArrayList<>();
        List<String> existing = directory.accounts().stream().map(StaffAccount::staffId).toList();
        if (!existing.contains(CLERK_ID)) {
            directory.provision(CLERK_ID, "窓口 花子", StaffRole.CLERK, CLERK_PASSWORD.toCharArray());
            added.add(CLERK_ID);
        }
        if (!existing.contains(SUPERVISOR_ID)) {
            directory.provision(SUPERVISOR_ID, "責任 太郎", StaffRole.SUPERVISOR, SUPERVISOR_PASSWORD.toCharArray());
            added.add(SUPERVISOR_ID);
        }
        return added;
    }
}
