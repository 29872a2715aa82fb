package jp.madoguchi.app.counter.domain;

/** 性別 as one of the 4 basic items (the certificate SAN carries 1/2/3, card-spec §9.3). */
public enum Sex {
    MALE, FEMALE, UNKNOWN
}
