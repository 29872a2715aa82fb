package jp.madoguchi.app.counter.workflow;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import jp.madoguchi.card.CardConnection;
import jp.madoguchi.card.CardSnapshot;
import jp.madoguchi.card.PinKind;
import jp.madoguchi.card.PinStatus;
import jp.madoguchi.common.MadoguchiException;

/**
 * The workflows' way to the card: every call runs on the card thread ({@link jp.madoguchi.card.CardMonitor})
 * and blocks the caller until it is done; the card thread's exceptions come back unwrapped (a pulled
 * card is {@link jp.madoguchi.card.CardRemovedException}, MDG-CARD-007).
 */
final class CardAccess {

    private final CounterStation station;

    CardAccess(CounterStation station) {
        this.station = station;
    }

    CardSnapshot read() {
        return run(c -> c.read(CardConnection.ReadRequest.withoutPins()));
    }

    Map<PinKind, PinStatus> pins() {
        return run(CardConnection::pinStatuses);
    }

    <T> T administer(String operation, CardConnection.AdminTask<T> task) {
        return run(c -> c.administer(station.issuerKey(), operation, task));
    }

    <T> T run(Function<CardConnection, T> task) {
        try {
            return station.monitor().submit(station.reader(), task).get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the card thread", e);
        }
    }

    static MadoguchiException coded(RuntimeException e) {
        return e instanceof MadoguchiException m ? m : new MadoguchiException(WorkflowFailure.NEEDS_CHECK, Map.of(), e);
    }
}
