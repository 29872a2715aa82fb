package jp.madoguchi.app.counter.domain;

/** 本人確認書類 classes (counter-rules §2.0). */
public enum DocumentClass {
    /** One photo document from a public body. */
    ID_A,
    /** Shows 氏名 with 生年月日 or 住所. */
    ID_B
}
