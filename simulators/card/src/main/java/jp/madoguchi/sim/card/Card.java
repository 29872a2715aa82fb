package jp.madoguchi.sim.card;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The emulated My Number Card: one APDU in, one R-APDU out, exactly as card-spec.md §1–§7 describe.
 * Transport-independent: the vpcd client and the in-JVM terminal both drive it.
 *
 * <p>Thread safety: every public method is synchronized, so APDUs from several threads are processed
 * one at a time in arrival order. Non-volatile state changes are handed to the {@link ProfileStore}
 * before the answer is returned, so a card pulled after any answer keeps what that answer reported.
 */
public final class Card {
    /** card-spec.md §1.1. */
    public static final byte[] ATR = Hex.parse("3BE000FF8131FE4514");

    private static final Logger LOG = LoggerFactory.getLogger(Card.class);
    private static final int STAGING_SIZE = 4096;
    private static final int MAX_SIGN_INPUT = 245;

    private final CardProfile profile;
    private final ProfileStore store;
    private final CardRandom random;
    private final CardFiles files;

    // Volatile state (card-spec.md §7.2), cleared by reset and power-off.
    private Application currentDf;
    private ElementaryFile currentEf;
    private final Set<Credential> verified = EnumSet.noneOf(Credential.class);
    private boolean admin;
    private byte[] challenge;
    private byte[] pendingResponse;
    private RSAPrivateCrtKey pendingAuth;
    private RSAPrivateCrtKey pendingSign;
    private byte[] stagingAuth;
    private byte[] stagingSign;
    private int stagedAuth;
    private int stagedSign;

    public Card(CardProfile profile, ProfileStore store, CardRandom random) {
        this.profile = profile;
        this.store = store;
        this.random = random;
        if (profile.textApKey == null || profile.faceApKey == null) {
            if (profile.textApKey == null) {
                profile.textApKey = random.rsaKey();
            }
            if (profile.faceApKey == null) {
                profile.faceApKey = random.rsaKey();
            }
            store.save(profile);
        }
        this.files = new CardFiles(profile);
        reset();
    }

    public byte[] atr() {
        return ATR.clone();
    }

    /** The profile this card runs on; read it only while no APDU is in flight (e.g. after removal). */
    public synchronized CardProfile profile() {
        return profile;
    }

    /**
     * Training mode: blocks a credential as if the holder had used up its tries (persisted like a
     * failed VERIFY). The 入力補助 key that is always blocked needs nothing.
     */
    public synchronized void block(Credential credential) {
        if (credential != Credential.TEXT_BLOCKED && profile.triesLeft(credential) != 0) {
            profile.triesLeft.put(credential, 0);
            verified.remove(credential);
            save();
        }
    }

    /** Power-off, reset, removal: drops all volatile state (card-spec.md §7.2). */
    public synchronized void reset() {
        currentDf = Application.ISD;
        currentEf = null;
        verified.clear();
        admin = false;
        challenge = null;
        pendingResponse = null;
        dropPending();
    }

    /** Processes one C-APDU; never throws, always answers at least a status word. */
    public synchronized byte[] transmit(byte[] apdu) {
        byte[] nc = challenge;
        challenge = null;
        byte[] more = pendingResponse;
        pendingResponse = null;
        try {
            return process(apdu, nc, more);
        } catch (RuntimeException e) {
            LOG.error("internal error while processing INS {}", apdu.length > 1 ? Hex.of(new byte[] {apdu[1]}) : "-", e);
            return sw(0x6F00);
        }
    }

    private byte[] process(byte[] apdu, byte[] nc, byte[] more) {
        if (apdu.length < 4) {
            return sw(0x6700);
        }
        int cla = apdu[0] & 0xFF;
        if (cla == 0x08) {
            return sw(0x6882);
        }
        if ((cla >= 0x01 && cla <= 0x03) || (cla >= 0x81 && cla <= 0x83) || (cla >= 0x40 && cla <= 0x7F)) {
            return sw(0x6881);
        }
        if (cla != 0x00 && cla != 0x80) {
            return sw(0x6E00);
        }
        Command c = Command.parse(apdu);
        if (c == null) {
            return sw(0x6700);
        }
        int ins = c.ins;
        if (cla == 0x00) {
            switch (ins) {
                case 0xA4: return select(c);
                case 0xB0: return readBinary(c);
                case 0xB2: return readRecord(c);
                case 0x20: return verify(c);
                case 0x24: return changePin(c, true);
                case 0x84: return getChallenge(c);
                case 0xC0: return getResponse(c, more);
                case 0xCA: return getData(c);
                case 0x82: return adminResult(externalAuthenticate(c, nc));
                case 0x2C: return adminResult(resetRetryCounter(c));
                case 0x47: return adminResult(generate(c));
                case 0xD6: return adminResult(updateBinary(c));
                case 0x44: return adminResult(activate(c));
                default: return sw(0x6D00);
            }
        }
        switch (ins) {
            case 0x2A:
                if (c.p2 == 0xD7 || c.p2 == 0xDA) {
                    return adminResult(signWithPending(c));
                }
                return sign(c);
            case 0x32: return changePin(c, false);
            case 0xC0: return getResponse(c, more);
            case 0xE8: return adminResult(setLifeCycle(c));
            default: return sw(0x6D00);
        }
    }

    // ---- selection and reading -------------------------------------------------------------

    private byte[] select(Command c) {
        if (c.p1 == 0x00) {
            return sw(currentDf == Application.ISD ? 0x6A86 : 0x9000);
        }
        if (c.p1 != 0x04 && c.p1 != 0x02) {
            return sw(0x6A86);
        }
        if (c.p2 != 0x0C) {
            return sw(0x6A86);
        }
        if (c.data == null) {
            return sw(0x6700);
        }
        if (c.p1 == 0x04) {
            Application ap = Application.byAid(c.data);
            if (ap == null) {
                return sw(0x6A82);
            }
            currentDf = ap;
            currentEf = null;
            verified.clear();
            return sw(0x9000);
        }
        if (c.data.length != 2) {
            return sw(0x6700);
        }
        ElementaryFile ef = c.data[0] == 0 ? ElementaryFile.find(currentDf, c.data[1] & 0xFF) : null;
        if (ef == null) {
            return sw(0x6A82);
        }
        currentEf = ef;
        return sw(0x9000);
    }

    private byte[] readBinary(Command c) {
        if (c.le < 0 || c.data != null) {
            return sw(0x6700);
        }
        int offset;
        ElementaryFile ef;
        if ((c.p1 & 0x80) != 0) {
            if ((c.p1 & 0x60) != 0) {
                return sw(0x6A86);
            }
            ef = ElementaryFile.find(currentDf, c.p1 & 0x1F);
            if (ef == null) {
                return sw(0x6A82);
            }
            currentEf = ef;
            offset = c.p2;
        } else {
            ef = currentEf;
            offset = c.p1 << 8 | c.p2;
        }
        if (ef == null) {
            return sw(0x6986);
        }
        if (ef.kind() == ElementaryFile.Kind.PIN || ef.kind() == ElementaryFile.Kind.PRIVATE_KEY) {
            return sw(0x6981);
        }
        if (ef.kind() != ElementaryFile.Kind.DATA) {
            return sw(0x6986);
        }
        if (!open(ef)) {
            return sw(0x6982);
        }
        byte[] content = files.content(ef);
        if (offset >= content.length) {
            return sw(0x6B00);
        }
        int n = Math.min(c.le, content.length - offset);
        return ok(Arrays.copyOfRange(content, offset, offset + n));
    }

    private byte[] readRecord(Command c) {
        if (c.le < 0 || c.data != null) {
            return sw(0x6700);
        }
        if ((c.p2 & 0x07) != 0x04) {
            return sw(0x6A86);
        }
        int sfi = c.p2 >> 3;
        ElementaryFile ef = sfi == 0 ? currentEf : ElementaryFile.find(currentDf, sfi);
        if (ef == null) {
            return sw(sfi == 0 ? 0x6986 : 0x6A82);
        }
        if (ef.kind() != ElementaryFile.Kind.RECORD) {
            return sw(0x6986);
        }
        currentEf = ef;
        if (c.p1 != 1) {
            return sw(0x6A82);
        }
        byte[] record = files.content(ef);
        if (c.le < record.length) {
            return sw(0x6700);
        }
        return ok(record);
    }

    private boolean open(ElementaryFile ef) {
        if (ef.readers().isEmpty()) {
            return true;
        }
        for (Credential r : ef.readers()) {
            if (verified.contains(r)) {
                return true;
            }
        }
        return false;
    }

    // ---- PINs ------------------------------------------------------------------------------

    /** Resolves VERIFY-style P2 (80 = current EF, 80|SFI); returns the key EF or throws a status word. */
    private ElementaryFile keyEf(int p2) throws StatusWord {
        ElementaryFile ef;
        if (p2 == 0x80) {
            ef = currentEf;
            if (ef == null || ef.kind() != ElementaryFile.Kind.PIN) {
                throw new StatusWord(0x6986);
            }
            return ef;
        }
        if ((p2 & 0xE0) != 0x80) {
            throw new StatusWord(0x6A86);
        }
        ef = ElementaryFile.find(currentDf, p2 & 0x1F);
        if (ef == null) {
            throw new StatusWord(0x6A82);
        }
        if (ef.kind() != ElementaryFile.Kind.PIN) {
            throw new StatusWord(0x6986);
        }
        return ef;
    }

    private byte[] verify(Command c) {
        if (profile.lifeCycle == LifeCycle.TRANSPORT) {
            return sw(0x6984);
        }
        if (c.p1 != 0) {
            return sw(0x6A86);
        }
        Credential key;
        try {
            key = keyEf(c.p2).credential();
        } catch (StatusWord e) {
            return sw(e.sw);
        }
        if (key.stored() && !profile.pinSet(key)) {
            return sw(0x6984);
        }
        int tries = profile.triesLeft(key);
        if (c.data == null) {
            return sw(0x63C0 | tries);
        }
        if (tries == 0) {
            return sw(0x6984);
        }
        if (c.data.length > 16) {
            return sw(0x6700);
        }
        byte[] expected = profile.expectedValue(key);
        boolean match = MessageDigest.isEqual(expected, c.data);
        Arrays.fill(expected, (byte) 0);
        if (match) {
            verified.add(key);
            if (tries != key.maxTries) {
                profile.triesLeft.put(key, key.maxTries);
                save();
            }
            return sw(0x9000);
        }
        profile.triesLeft.put(key, tries - 1);
        save();
        return sw(0x63C0 | (tries - 1));
    }

    private byte[] changePin(Command c, boolean iso) {
        if (c.p1 != (iso ? 0x01 : 0x00)) {
            return sw(0x6A86);
        }
        Credential key;
        try {
            key = keyEf(c.p2).credential();
        } catch (StatusWord e) {
            return sw(e.sw);
        }
        boolean family = iso ? key.application == Application.JPKI || key.application == Application.TEXT
                : key.application == Application.JUKI || key.application == Application.COMMON;
        if (!key.stored() || !family) {
            return sw(0x6A86);
        }
        if (c.data == null) {
            return sw(0x6700);
        }
        if (!verified.contains(key)) {
            return sw(0x6982);
        }
        // A key blocked after it was verified (wrong VERIFYs leave the flag) is unblocked only by §7.5.
        if (profile.triesLeft(key) == 0) {
            return sw(0x6984);
        }
        if (!key.accepts(c.data)) {
            return sw(0x6A80);
        }
        profile.pinValues.put(key, c.data.clone());
        profile.triesLeft.put(key, key.maxTries);
        save();
        return sw(0x9000);
    }

    // ---- signatures ------------------------------------------------------------------------

    private byte[] sign(Command c) {
        if (currentDf == Application.TEXT || currentDf == Application.FACE) {
            if (c.p1 != 0 || c.p2 != 0) {
                return sw(0x6A86);
            }
            if (c.data == null || c.data.length > MAX_SIGN_INPUT || c.le != 256) {
                return sw(0x6700);
            }
            return ok(CardFiles.rawSign(currentDf == Application.TEXT ? profile.textApKey : profile.faceApKey, c.data));
        }
        if (currentDf != Application.JPKI) {
            return sw(0x6985);
        }
        if (c.p1 != 0) {
            return sw(0x6A86);
        }
        if (c.data == null || c.data.length > MAX_SIGN_INPUT || c.le != 256) {
            return sw(0x6700);
        }
        if (profile.lifeCycle == LifeCycle.TRANSPORT) {
            return sw(0x6985);
        }
        ElementaryFile ef;
        if (c.p2 == 0x80) {
            ef = currentEf;
            if (ef == null || ef.kind() != ElementaryFile.Kind.PRIVATE_KEY) {
                return sw(0x6986);
            }
        } else if (c.p2 == 0x97 || c.p2 == 0x9A) {
            ef = ElementaryFile.find(Application.JPKI, c.p2 & 0x1F);
        } else {
            return sw(0x6A86);
        }
        if (!verified.contains(ef.credential())) {
            return sw(0x6982);
        }
        RSAPrivateCrtKey key = ef.fid() == 0x17 ? profile.authKey : profile.signKey;
        if (key == null) {
            return sw(0x6A88);
        }
        return ok(CardFiles.rawSign(key, c.data));
    }

    private byte[] signWithPending(Command c) {
        if (!admin) {
            return sw(0x6982);
        }
        if (currentDf != Application.JPKI) {
            return sw(0x6985);
        }
        RSAPrivateCrtKey key = c.p2 == 0xD7 ? pendingAuth : pendingSign;
        if (key == null) {
            return sw(0x6A88);
        }
        if (c.p1 != 0) {
            return sw(0x6A86);
        }
        if (c.data == null || c.data.length > MAX_SIGN_INPUT || c.le != 256) {
            return sw(0x6700);
        }
        return ok(CardFiles.rawSign(key, c.data));
    }

    // ---- challenge, data, responses -----------------------------------------------------------

    private byte[] getChallenge(Command c) {
        if (c.p1 != 0 || c.p2 != 0) {
            return sw(0x6A86);
        }
        if (c.le < 0 || c.data != null) {
            return sw(0x6700);
        }
        challenge = random.challenge(c.le);
        return ok(challenge.clone());
    }

    private byte[] getResponse(Command c, byte[] more) {
        if (more == null) {
            return sw(0x6985);
        }
        if (c.p1 != 0 || c.p2 != 0) {
            return sw(0x6A86);
        }
        if (c.le < 0 || c.data != null) {
            return sw(0x6700);
        }
        int n = Math.min(c.le, more.length);
        if (n < more.length) {
            pendingResponse = Arrays.copyOfRange(more, n, more.length);
            return withSw(Arrays.copyOf(more, n), 0x6100 | Math.min(pendingResponse.length, 256) & 0xFF);
        }
        return ok(more);
    }

    private byte[] getData(Command c) {
        byte[] value;
        if (currentDf == Application.JPKI && c.p1 == 0x01 && c.p2 == 0x01) {
            value = profile.chipSerialNumber.clone();
        } else if (currentDf == Application.JPKI && c.p1 == 0x01 && c.p2 == 0x02) {
            value = new byte[] {(byte) profile.lifeCycle.code};
        } else {
            return sw(0x6A88);
        }
        if (c.le < value.length || c.data != null) {
            return sw(0x6700);
        }
        return ok(value);
    }

    // ---- counter administration (card-spec.md §7) ---------------------------------------------

    /** §7.2: an admin command that fails clears the admin state and every pending key and staging. */
    private byte[] adminResult(byte[] answer) {
        int sw1 = answer[answer.length - 2] & 0xFF;
        int sw2 = answer[answer.length - 1] & 0xFF;
        if (!(sw1 == 0x90 && sw2 == 0x00) && sw1 != 0x61) {
            admin = false;
            dropPending();
        }
        return answer;
    }

    private void dropPending() {
        pendingAuth = null;
        pendingSign = null;
        stagingAuth = null;
        stagingSign = null;
        stagedAuth = 0;
        stagedSign = 0;
    }

    private byte[] externalAuthenticate(Command c, byte[] nc) {
        if (profile.adminFailureCount >= 10) {
            return sw(0x6983);
        }
        if (c.p1 != 0x00 || c.p2 != 0x01) {
            return sw(0x6A86);
        }
        if (c.data == null || c.data.length != 0x20 || c.le < 0x10) {
            return sw(0x6700);
        }
        if (currentDf != Application.JPKI || nc == null || nc.length != 16) {
            return sw(0x6985);
        }
        byte[] nt = Arrays.copyOf(c.data, 16);
        byte[] mac = Arrays.copyOfRange(c.data, 16, 32);
        byte[] expected = Cmac.compute(profile.cardKey, Tlv.concat(nc, nt));
        if (!MessageDigest.isEqual(expected, mac)) {
            profile.adminFailureCount++;
            save();
            LOG.info("EXTERNAL AUTHENTICATE: wrong MAC ({} of 10 failures)", profile.adminFailureCount);
            return sw(0x6300);
        }
        if (profile.adminFailureCount != 0) {
            profile.adminFailureCount = 0;
            save();
        }
        admin = true;
        return ok(Cmac.compute(profile.cardKey, Tlv.concat(nt, nc)));
    }

    private byte[] resetRetryCounter(Command c) {
        if (!admin) {
            return sw(0x6982);
        }
        if (c.p1 != 0x02) {
            return sw(0x6A86);
        }
        if (c.data == null) {
            return sw(0x6700);
        }
        Credential key;
        if (c.p2 == 0x80) {
            if (currentEf == null || currentEf.kind() != ElementaryFile.Kind.PIN) {
                return sw(0x6986);
            }
            key = currentEf.credential();
            if (!key.holderPin) {
                return sw(0x6A86);
            }
        } else {
            key = holderPinOf(c.p2);
            if (key == null) {
                return sw(0x6A86);
            }
        }
        if (!key.accepts(c.data)) {
            return sw(0x6A80);
        }
        profile.pinValues.put(key, c.data.clone());
        profile.triesLeft.put(key, key.maxTries);
        verified.remove(key);
        save();
        return sw(0x9000);
    }

    private Credential holderPinOf(int p2) {
        for (Credential k : Credential.values()) {
            if (k.holderPin && k.application == currentDf && p2 == (0x80 | k.fid)) {
                return k;
            }
        }
        return null;
    }

    private byte[] generate(Command c) {
        if (!admin) {
            return sw(0x6982);
        }
        if (currentDf != Application.JPKI) {
            return sw(0x6985);
        }
        if (c.p1 != 0x80 || c.p2 != 0x00) {
            return sw(0x6A86);
        }
        if (c.data == null || c.data.length != 2) {
            return sw(0x6700);
        }
        int fid = (c.data[0] & 0xFF) << 8 | c.data[1] & 0xFF;
        if (fid != 0x17 && fid != 0x1A) {
            return sw(0x6A80);
        }
        if (c.le != 256) {
            return sw(0x6700);
        }
        RSAPrivateCrtKey key = random.rsaKey();
        if (fid == 0x17) {
            pendingAuth = key;
        } else {
            pendingSign = key;
        }
        byte[] body = Tlv.concat(Tlv.of(0x81, Tlv.unsigned(key.getModulus(), 256)),
                Tlv.of(0x82, Tlv.unsigned(key.getPublicExponent(), 3)));
        byte[] whole = Tlv.of(0x7F49, body);
        pendingResponse = Arrays.copyOfRange(whole, 256, whole.length);
        return withSw(Arrays.copyOf(whole, 256), 0x6100 | pendingResponse.length);
    }

    private byte[] updateBinary(Command c) {
        if (!admin) {
            return sw(0x6982);
        }
        if ((c.p1 & 0x80) != 0) {
            return sw(0x6A86);
        }
        if (c.data == null) {
            return sw(0x6700);
        }
        if (currentEf == null || !currentEf.certificate()) {
            return sw(0x6986);
        }
        int offset = c.p1 << 8 | c.p2;
        if (offset + c.data.length > STAGING_SIZE) {
            return sw(0x6A84);
        }
        boolean auth = currentEf.fid() == 0x0A;
        byte[] staging = auth ? stagingAuth : stagingSign;
        if (staging == null) {
            staging = new byte[STAGING_SIZE];
        }
        System.arraycopy(c.data, 0, staging, offset, c.data.length);
        int end = offset + c.data.length;
        if (auth) {
            stagingAuth = staging;
            stagedAuth = Math.max(stagedAuth, end);
        } else {
            stagingSign = staging;
            stagedSign = Math.max(stagedSign, end);
        }
        return sw(0x9000);
    }

    private byte[] activate(Command c) {
        if (!admin) {
            return sw(0x6982);
        }
        if (c.p1 != 0 || c.p2 != 0) {
            return sw(0x6A86);
        }
        if (c.data != null || c.le >= 0) {
            return sw(0x6700);
        }
        if (currentEf == null || !currentEf.certificate()) {
            return sw(0x6986);
        }
        boolean auth = currentEf.fid() == 0x0A;
        RSAPrivateCrtKey key = auth ? pendingAuth : pendingSign;
        int staged = auth ? stagedAuth : stagedSign;
        if (key == null || staged == 0) {
            return sw(0x6985);
        }
        byte[] der = Arrays.copyOf(auth ? stagingAuth : stagingSign, staged);
        if (!matches(der, key)) {
            return sw(0x6A80);
        }
        if (auth) {
            profile.authKey = key;
            profile.authCertificate = der;
            pendingAuth = null;
            stagingAuth = null;
            stagedAuth = 0;
        } else {
            profile.signKey = key;
            profile.signCertificate = der;
            pendingSign = null;
            stagingSign = null;
            stagedSign = 0;
        }
        verified.clear();
        save();
        LOG.info("ACTIVATE FILE: new {} key and certificate", auth ? "auth" : "sign");
        return sw(0x9000);
    }

    /** One DER Certificate filling exactly the staged bytes, whose RSA key is the pending key. */
    private static boolean matches(byte[] der, RSAPrivateCrtKey key) {
        if (der.length < 4 || der[0] != 0x30) {
            return false;
        }
        int lengthByte = der[1] & 0xFF;
        int header;
        int length;
        if (lengthByte < 0x80) {
            header = 2;
            length = lengthByte;
        } else if (lengthByte == 0x81) {
            header = 3;
            length = der[2] & 0xFF;
        } else if (lengthByte == 0x82) {
            header = 4;
            length = (der[2] & 0xFF) << 8 | der[3] & 0xFF;
        } else {
            return false;
        }
        if (header + length != der.length) {
            return false;
        }
        try {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            if (!(cert.getPublicKey() instanceof RSAPublicKey)) {
                return false;
            }
            RSAPublicKey pub = (RSAPublicKey) cert.getPublicKey();
            return pub.getModulus().equals(key.getModulus()) && pub.getPublicExponent().equals(key.getPublicExponent());
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private byte[] setLifeCycle(Command c) {
        if (!admin) {
            return sw(0x6982);
        }
        if (c.p1 != 0x00 || c.p2 != 0x01) {
            return sw(0x6A86);
        }
        if (profile.lifeCycle != LifeCycle.TRANSPORT) {
            return sw(0x6985);
        }
        for (Credential k : Credential.values()) {
            boolean counts = k.holderPin && (k != Credential.SIGN || profile.signCertificate != null);
            if (counts && !profile.pinSet(k)) {
                return sw(0x6985);
            }
        }
        profile.lifeCycle = LifeCycle.OPERATIONAL;
        save();
        return sw(0x9000);
    }

    private void save() {
        store.save(profile);
    }

    // ---- encoding helpers --------------------------------------------------------------------

    static byte[] sw(int sw) {
        return new byte[] {(byte) (sw >> 8), (byte) sw};
    }

    static byte[] ok(byte[] data) {
        return withSw(data, 0x9000);
    }

    static byte[] withSw(byte[] data, int sw) {
        byte[] out = Arrays.copyOf(data, data.length + 2);
        out[data.length] = (byte) (sw >> 8);
        out[data.length + 1] = (byte) sw;
        return out;
    }

    /** A status word used to leave a nested check early. */
    private static final class StatusWord extends Exception {
        private static final long serialVersionUID = 1L;
        final int sw;

        StatusWord(int sw) {
            super(null, null, false, false);
            this.sw = sw;
        }
    }

    /** A parsed short C-APDU; {@code data} null without Lc, {@code le} −1 without Le (00 = 256). */
    static final class Command {
        final int ins;
        final int p1;
        final int p2;
        final byte[] data;
        final int le;

        private Command(int ins, int p1, int p2, byte[] data, int le) {
            this.ins = ins;
            this.p1 = p1;
            this.p2 = p2;
            this.data = data;
            this.le = le;
        }

        /** Null for a malformed or extended-length APDU (answered 6700). */
        static Command parse(byte[] a) {
            int ins = a[1] & 0xFF;
            int p1 = a[2] & 0xFF;
            int p2 = a[3] & 0xFF;
            if (a.length == 4) {
                return new Command(ins, p1, p2, null, -1);
            }
            int b4 = a[4] & 0xFF;
            if (a.length == 5) {
                return new Command(ins, p1, p2, null, b4 == 0 ? 256 : b4);
            }
            if (b4 == 0) {
                return null;
            }
            if (a.length == 5 + b4) {
                return new Command(ins, p1, p2, Arrays.copyOfRange(a, 5, 5 + b4), -1);
            }
            if (a.length == 6 + b4) {
                int le = a[5 + b4] & 0xFF;
                return new Command(ins, p1, p2, Arrays.copyOfRange(a, 5, 5 + b4), le == 0 ? 256 : le);
            }
            return null;
        }
    }

    /** Used by the profile generator and GENERATE alike. */
    static RSAPrivateCrtKey newRsaKey(java.security.SecureRandom rng) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(new RSAKeyGenParameterSpec(2048, BigInteger.valueOf(65537)), rng);
            return (RSAPrivateCrtKey) g.generateKeyPair().getPrivate();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA key generation is missing from this JDK", e);
        }
    }
}
