package jp.madoguchi.app.staff;

/** The staff roles of counter-rules.md §1.2. */
public enum StaffRole {
    /** 窓口担当者: performs the ✔ operations and starts the A ones. */
    CLERK,
    /** 責任者: everything a clerk may, plus approvals and the S operations. */
    SUPERVISOR
}
