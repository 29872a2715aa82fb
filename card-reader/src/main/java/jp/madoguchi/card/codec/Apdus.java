package jp.madoguchi.card.codec;

import javax.smartcardio.CommandAPDU;

/**
 * The command APDUs of card-spec §1–§7, built in one place so every byte can be checked against the
 * spec's transcripts. Short APDUs only.
 */
public final class Apdus {

    private Apdus() {
    }

    /** {@code 00 A4 04 0C Lc AID}: SELECT by DF name, no FCI (§1.3). */
    public static CommandAPDU selectDf(byte[] aid) {
        return new CommandAPDU(0x00, 0xA4, 0x04, 0x0C, aid);
    }

    /** {@code 00 A4 02 0C 02 FID}: SELECT EF in the current DF. */
    public static CommandAPDU selectEf(int fid) {
        return new CommandAPDU(0x00, 0xA4, 0x02, 0x0C, new byte[] {(byte) (fid >> 8), (byte) fid});
    }

    /** {@code 00 B0 80|SFI 00 00}: select by SFI and read the first 256 bytes. */
    public static CommandAPDU readBinarySfi(int sfi) {
        return new CommandAPDU(0x00, 0xB0, 0x80 | sfi, 0x00, 256);
    }

    /** {@code 00 B0 off15 Le}: read the current EF. */
    public static CommandAPDU readBinary(int offset, int le) {
        return new CommandAPDU(0x00, 0xB0, (offset >> 8) & 0x7F, offset & 0xFF, le);
    }

    /** {@code 00 B2 rec (SFI<<3)|04 00}: READ RECORD. */
    public static CommandAPDU readRecord(int record, int sfi) {
        return new CommandAPDU(0x00, 0xB2, record, (sfi << 3) | 0x04, 256);
    }

    /** {@code 00 20 00 P2}: the retry query, spends no try (§2.5). */
    public static CommandAPDU verifyQuery(int p2) {
        return new CommandAPDU(new byte[] {0x00, 0x20, 0x00, (byte) p2});
    }

    /** {@code 00 20 00 P2 Lc PIN}. The caller clears {@code pin} after transmit. */
    public static CommandAPDU verify(int p2, byte[] pin) {
        return new CommandAPDU(0x00, 0x20, 0x00, p2, pin);
    }

    /**
     * {@code 00 24 01 P2 Lc new}: CHANGE REFERENCE DATA of a JPKI or 入力補助 PIN, after VERIFY of the
     * same key (§2.3). The caller clears {@code pin} after transmit.
     */
    public static CommandAPDU changeReferenceData(int p2, byte[] pin) {
        return new CommandAPDU(0x00, 0x24, 0x01, p2, pin);
    }

    /**
     * {@code 80 32 00 P2 Lc new}: CHANGE KEY of the 住基 (or 共通) PIN, after VERIFY of the same key
     * (§2.3). The caller clears {@code pin} after transmit.
     */
    public static CommandAPDU changeKey(int p2, byte[] pin) {
        return new CommandAPDU(0x80, 0x32, 0x00, p2, pin);
    }

    /** {@code 00 CA 01 01 08}: the 8-byte chip serial SN (§7.3). */
    public static CommandAPDU getSerial() {
        return new CommandAPDU(0x00, 0xCA, 0x01, 0x01, 8);
    }

    /** {@code 00 CA 01 02 01}: life cycle, 01 TRANSPORT / 02 OPERATIONAL (§7.3). */
    public static CommandAPDU getLifeCycle() {
        return new CommandAPDU(0x00, 0xCA, 0x01, 0x02, 1);
    }

    /** {@code 00 84 00 00 10}: 16-byte challenge. */
    public static CommandAPDU getChallenge() {
        return new CommandAPDU(0x00, 0x84, 0x00, 0x00, 16);
    }

    /** {@code 00 82 00 01 20 Nt‖MAC 10} (§7.4). */
    public static CommandAPDU externalAuthenticate(byte[] ntAndMac) {
        return new CommandAPDU(0x00, 0x82, 0x00, 0x01, ntAndMac, 16);
    }

    /** {@code 00 2C 02 P2 Lc PIN} (§7.5). */
    public static CommandAPDU resetRetryCounter(int p2, byte[] pin) {
        return new CommandAPDU(0x00, 0x2C, 0x02, p2, pin);
    }

    /** {@code 80 E8 00 01}: SET LIFE CYCLE → OPERATIONAL (§7.9). */
    public static CommandAPDU setLifeCycleOperational() {
        return new CommandAPDU(new byte[] {(byte) 0x80, (byte) 0xE8, 0x00, 0x01});
    }

    /** {@code 00 47 80 00 02 FID 00} (§7.6). */
    public static CommandAPDU generateKeyPair(int keyFid) {
        return new CommandAPDU(0x00, 0x47, 0x80, 0x00, new byte[] {(byte) (keyFid >> 8), (byte) keyFid}, 256);
    }

    /** {@code 80 2A 00 P2 Lc DigestInfo 00} (§3, §7.7). */
    public static CommandAPDU computeSignature(int p2, byte[] digestInfo) {
        return new CommandAPDU(0x80, 0x2A, 0x00, p2, digestInfo, 256);
    }

    /** {@code 00 D6 off Lc data}: staging write (§7.8). */
    public static CommandAPDU updateBinary(int offset, byte[] chunk) {
        return new CommandAPDU(0x00, 0xD6, (offset >> 8) & 0x7F, offset & 0xFF, chunk);
    }

    /** {@code 00 44 00 00}: ACTIVATE FILE (§7.8). */
    public static CommandAPDU activateFile() {
        return new CommandAPDU(new byte[] {0x00, 0x44, 0x00, 0x00});
    }

    /** {@code 00 C0 00 00 Le}: GET RESPONSE after 61xx. */
    public static CommandAPDU getResponse(int le) {
        return new CommandAPDU(0x00, 0xC0, 0x00, 0x00, le == 0 ? 256 : le);
    }
}
