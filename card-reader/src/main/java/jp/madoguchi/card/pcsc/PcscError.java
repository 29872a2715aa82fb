package jp.madoguchi.card.pcsc;

import java.util.Locale;
import java.util.Map;

/** pcsc-lite return codes by name, so exceptions read like the JDK provider's ("SCARD_E_NO_SERVICE"). */
final class PcscError {

    static final long SUCCESS = 0;
    static final long E_INSUFFICIENT_BUFFER = 0x80100008L;
    static final long E_TIMEOUT = 0x8010000AL;
    static final long E_SHARING_VIOLATION = 0x8010000BL;
    static final long E_NO_SMARTCARD = 0x8010000CL;
    static final long E_NO_SERVICE = 0x8010001DL;
    static final long E_SERVICE_STOPPED = 0x8010001EL;
    static final long E_NO_READERS_AVAILABLE = 0x8010002EL;
    static final long E_INVALID_HANDLE = 0x80100003L;
    static final long E_READER_UNAVAILABLE = 0x80100017L;
    static final long E_UNKNOWN_READER = 0x80100009L;
    static final long W_REMOVED_CARD = 0x80100069L;
    static final long W_RESET_CARD = 0x80100068L;
    static final long F_COMM_ERROR = 0x80100013L;
    static final long W_SECURITY_VIOLATION = 0x8010006AL;

    private static final Map<Long, String> NAMES = Map.ofEntries(
            Map.entry(E_INSUFFICIENT_BUFFER, "SCARD_E_INSUFFICIENT_BUFFER"),
            Map.entry(E_TIMEOUT, "SCARD_E_TIMEOUT"),
            Map.entry(E_SHARING_VIOLATION, "SCARD_E_SHARING_VIOLATION"),
            Map.entry(E_NO_SMARTCARD, "SCARD_E_NO_SMARTCARD"),
            Map.entry(E_NO_SERVICE, "SCARD_E_NO_SERVICE"),
            Map.entry(E_SERVICE_STOPPED, "SCARD_E_SERVICE_STOPPED"),
            Map.entry(E_NO_READERS_AVAILABLE, "SCARD_E_NO_READERS_AVAILABLE"),
            Map.entry(E_INVALID_HANDLE, "SCARD_E_INVALID_HANDLE"),
            Map.entry(E_READER_UNAVAILABLE, "SCARD_E_READER_UNAVAILABLE"),
            Map.entry(E_UNKNOWN_READER, "SCARD_E_UNKNOWN_READER"),
            Map.entry(W_REMOVED_CARD, "SCARD_W_REMOVED_CARD"),
            Map.entry(W_RESET_CARD, "SCARD_W_RESET_CARD"),
            Map.entry(F_COMM_ERROR, "SCARD_F_COMM_ERROR"),
            Map.entry(W_SECURITY_VIOLATION, "SCARD_W_SECURITY_VIOLATION"));

    private PcscError() {
    }

    static String name(long code) {
        return NAMES.getOrDefault(code, String.format(Locale.ROOT, "SCARD_0x%08X", code));
    }

    /** Codes after which the context is useless and a new one must be established. */
    static boolean contextLost(long code) {
        return code == E_NO_SERVICE || code == E_SERVICE_STOPPED || code == E_INVALID_HANDLE;
    }

    static boolean cardGone(long code) {
        return code == E_NO_SMARTCARD || code == W_REMOVED_CARD || code == W_RESET_CARD
                || code == E_READER_UNAVAILABLE || code == E_UNKNOWN_READER;
    }
}
