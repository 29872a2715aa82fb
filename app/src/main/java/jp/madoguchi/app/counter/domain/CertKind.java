package jp.madoguchi.app.counter.domain;

/** The two JPKI certificates on a card. */
public enum CertKind {
    /** 署名用電子証明書. */
    SIGN,
    /** 利用者証明用電子証明書. */
    AUTH;

    /** The PIN that protects this certificate's key. */
    public PinType pin() {
        return this == SIGN ? PinType.SIGN : PinType.AUTH;
    }
}
