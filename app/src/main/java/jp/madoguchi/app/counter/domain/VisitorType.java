package jp.madoguchi.app.counter.domain;

/** Who stands at the counter (counter-rules §2.0). */
public enum VisitorType {
    /** 本人. */
    HOLDER,
    /** The holder together with their 法定代理人 (delivery's code for the legal-representative route). */
    HOLDER_WITH_LEGAL_REP,
    /** 法定代理人, with or without the holder (other operations). */
    LEGAL_REP,
    /** 任意代理人. */
    VOLUNTARY_PROXY,
    /** 同一世帯員 (annotation and, during the address procedure, certIssue). */
    SAME_HOUSEHOLD
}
