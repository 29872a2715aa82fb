package jp.madoguchi.app.counter.domain;

/** The three kinds of counter (counter-rules §1.1). */
public enum OfficeType {
    /** 市区町村窓口: 本庁, 支所, 出張所. */
    MUNICIPAL,
    /** 在外公館: embassies and consulates; overseas cards of Japanese nationals only. */
    MISSION,
    /** 郵便局 commissioned under the 郵便局事務取扱法; only the operations of its contract. */
    POST_OFFICE
}
