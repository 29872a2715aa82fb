package jp.madoguchi.app.counter.domain;

/** PIN card or 顔認証マイナンバーカード (face-auth card, no PINs; counter-rules §2.1 step 6). */
public enum CardType {
    PIN, FACE_AUTH
}
