package jp.madoguchi.card.pcsc;

import javax.smartcardio.CardException;

/** A failed pcsc-lite call; {@link #code()} is the SCARD_* value, the message its name. */
public class PcscException extends CardException {

    private static final long serialVersionUID = 1L;

    private final long code;

    PcscException(String call, long code) {
        super(call + " failed: " + PcscError.name(code));
        this.code = code;
    }

    public long code() {
        return code;
    }

    /** The PC/SC service went away (pcscd stopped or restarted): the context must be re-established. */
    public boolean isServiceLost() {
        return PcscError.contextLost(code);
    }
}
