package jp.madoguchi.app.counter.domain;

import java.util.Objects;

/**
 * A signed-in staff member. What the role permits is decided by
 * {@link jp.madoguchi.app.counter.rules.PermissionMatrix}, never by this record.
 *
 * @param staffId    the staff id printed on forms
 * @param name       the display name printed on forms
 * @param role       clerk or supervisor
 * @param officeCode the office the staff member works at (an approval must come from the same office, PR-03)
 */
public record Staff(String staffId, String name, StaffRole role, String officeCode) {
    public Staff {
        Objects.requireNonNull(staffId, "staffId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(officeCode, "officeCode");
    }

    public boolean isSupervisor() {
        return role == StaffRole.SUPERVISOR;
    }
}
