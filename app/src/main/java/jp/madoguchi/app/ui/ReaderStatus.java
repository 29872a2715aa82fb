package jp.madoguchi.app.ui;

/**
 * One reader observation for the status bar.
 *
 * @param readerName the PC/SC reader name, or {@code null} when there is none
 */
public record ReaderStatus(ReaderState state, String readerName) {

    public static final ReaderStatus NOT_CONNECTED = new ReaderStatus(ReaderState.NOT_CONNECTED, null);
}
