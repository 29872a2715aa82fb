package jp.madoguchi.app.counter.domain;

/** Staff roles (counter-rules §1.2). */
public enum StaffRole {
    /** 窓口担当者: performs ✔ operations and starts A operations. */
    CLERK,
    /** 責任者: everything a clerk may, approves A operations and performs S operations. */
    SUPERVISOR
}
