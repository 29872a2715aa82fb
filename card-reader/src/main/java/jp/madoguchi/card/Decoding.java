package jp.madoguchi.card;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Parsing of what a read got from the card, done on one background thread ("card-decode") while the
 * card thread goes on with the next APDUs: a certificate's DER decoding or a date pattern costs about
 * as much as an APDU round trip, and the card thread would otherwise stall the card meanwhile. Only
 * pure functions of bytes already read run here (no PC/SC call, no PIN).
 *
 * <p>{@link #join()} returns the value or throws exactly what the parser threw (a
 * {@link MalformedResponseException}, typically), so callers see the same result and the same typed
 * error as from parsing inline; it waits uninterruptibly, like the parse it stands for.
 */
final class Decoding<T> {

    private static final Executor THREAD = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "card-decode");
        t.setDaemon(true);
        return t;
    });

    private final CompletableFuture<T> result;

    private Decoding(CompletableFuture<T> result) {
        this.result = result;
    }

    /** Starts {@code parse} on the decode thread. */
    static <T> Decoding<T> ahead(Supplier<T> parse) {
        return new Decoding<>(CompletableFuture.supplyAsync(parse, THREAD));
    }

    /** The parsed value, or the parser's own exception. */
    T join() {
        try {
            return result.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }
}
