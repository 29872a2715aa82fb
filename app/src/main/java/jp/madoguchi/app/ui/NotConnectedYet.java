package jp.madoguchi.app.ui;

import jp.madoguchi.common.MadoguchiException;

/**
 * The honest status sources of a build without the card-reader and offline-cache adapters: they say
 * "not connected yet" once and never anything else, so the status bar never shows invented figures.
 */
public final class NotConnectedYet {

    private NotConnectedYet() {
    }

    public static ReaderStatusSource reader() {
        return listener -> {
            listener.accept(ReaderStatus.NOT_CONNECTED);
            return () -> { };
        };
    }

    public static SyncStatusSource sync() {
        return listener -> {
            listener.accept(SyncStatus.NOT_CONNECTED);
            return () -> { };
        };
    }

    /** Counter parts that are not wired in this build: every request is refused with MDG-UI-006. */
    public static CounterStations stations() {
        return staff -> {
            throw new MadoguchiException(UiFailure.COUNTER_UNAVAILABLE);
        };
    }
}
