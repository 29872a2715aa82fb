package jp.madoguchi.app.ui;

import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The assertion hook that keeps blocking work off the JavaFX thread: services that hash, read files
 * or wait for a card or the network call {@link #FORBID_FX_THREAD} first, and it throws when the
 * caller is the JavaFX thread. The TestFX tests run the whole application with it wired in, so a
 * blocking call slipped onto the FX thread fails them.
 */
public final class BlockingCallGuard {

    private static final Logger LOG = LoggerFactory.getLogger(BlockingCallGuard.class);

    /** Throws {@link IllegalStateException} on the JavaFX application thread. */
    public static final Runnable FORBID_FX_THREAD = () -> {
        if (Platform.isFxApplicationThread()) {
            IllegalStateException e = new IllegalStateException("blocking call on the JavaFX application thread");
            LOG.error("blocking call on the JavaFX application thread", e);
            throw e;
        }
    };

    private BlockingCallGuard() {
    }
}
