package jp.madoguchi.card;

/** The two JPKI key pairs and their files (card-spec §2.6, §7.6–§7.8). */
public enum JpkiKey {
    /** 利用者証明用: key EF 0017, certificate EF 000A, pending-key signature P2 D7. */
    AUTH(0x0017, 0x000A, 0xD7),
    /** 署名用: key EF 001A, certificate EF 0001, pending-key signature P2 DA. */
    SIGN(0x001A, 0x0001, 0xDA);

    private final int keyFid;
    private final int certificateFid;
    private final int pendingSignatureP2;

    JpkiKey(int keyFid, int certificateFid, int pendingSignatureP2) {
        this.keyFid = keyFid;
        this.certificateFid = certificateFid;
        this.pendingSignatureP2 = pendingSignatureP2;
    }

    public int keyFid() {
        return keyFid;
    }

    public int certificateFid() {
        return certificateFid;
    }

    public int pendingSignatureP2() {
        return pendingSignatureP2;
    }
}
