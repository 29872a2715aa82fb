package jp.madoguchi.sim.central.pki;

/** The two JPKI certificates of a card (counter-rules glossary: 署名用 SIGN, 利用者証明用 AUTH). */
public enum CertKind {
    SIGN, AUTH
}
