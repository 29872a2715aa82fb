package jp.madoguchi.app.photo;

import jp.madoguchi.common.FailureCode;

/** The {@code PHOTO} area's failure codes (docs/failure-codes.md). Texts in {@code PhotoFailures*.properties}. */
public enum PhotoFailure implements FailureCode {
    /** OpenJPEG (libopenjp2, Debian libopenjp2-7) is not installed or cannot be loaded. */
    DECODER_MISSING("MDG-PHOTO-001"),
    /** The photo is not a JPEG 2000 image this workstation can decode (damaged, or another format). */
    NOT_DECODABLE("MDG-PHOTO-002"),
    /** The photo declares a size no card photo has. */
    TOO_LARGE("MDG-PHOTO-003"),
    /** 照合番号B needs the holder's birth date, which neither the card (without the PIN) nor central's record gave. */
    BIRTH_DATE_UNKNOWN("MDG-PHOTO-004");

    private final String code;

    PhotoFailure(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public String bundleBaseName() {
        return "jp.madoguchi.app.photo.PhotoFailures";
    }
}
