package jp.madoguchi.card.pcsc;

import javax.smartcardio.CardException;

/**
 * A card connection that can outlive one job: the card thread keeps it between jobs and, instead of
 * disconnecting and connecting again, resets the card through the same handle ({@code SCardReconnect}
 * with {@code SCARD_RESET_CARD}). A job on a kept handle starts with {@link #beginTransaction()}, whose
 * answer is also the check that the handle still reaches the same, unreset card: pcsc-lite's
 * {@code SCardBeginTransaction} reports what happened to the card since the handle last used it
 * (reset by another program, removed, its reader or the service gone) before it locks anything, as
 * {@code SCardStatus} would, and so does winscard since Windows 8. Card thread only, like the card itself.
 */
public interface ReusableCard {

    /** What {@link #beginTransaction()} found. */
    enum Handle {
        /** The same card, not reset by anyone since our last command: the handle holds the transaction. */
        READY,
        /**
         * Another program (or pcscd) reset the card: {@link #reconnect(boolean)} without reset makes the
         * handle usable again.
         */
        RESET,
        /** The card left the reader (perhaps replaced by another one), or the reader or service is gone. */
        GONE
    }

    /**
     * Begins a PC/SC transaction ({@code beginExclusive}) on this handle; never throws. READY: the
     * transaction is held and must be ended ({@code endExclusive}). RESET and GONE: no transaction is held.
     */
    Handle beginTransaction();

    /**
     * Reconnects the handle (shared, T=0 or T=1), resetting the card when {@code reset}: every volatile
     * state of the card (verified PINs, the admin state, the current DF) is gone when this returns.
     *
     * @throws CardException when the card or the service is gone (the handle is then of no use)
     */
    void reconnect(boolean reset) throws CardException;
}
