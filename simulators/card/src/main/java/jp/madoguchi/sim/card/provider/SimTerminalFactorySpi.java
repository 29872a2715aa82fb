package jp.madoguchi.sim.card.provider;

import javax.smartcardio.CardTerminals;
import javax.smartcardio.TerminalFactorySpi;

/** The SPI behind {@code TerminalFactory.getInstance("MadoguchiSim", params, provider)}. */
public final class SimTerminalFactorySpi extends TerminalFactorySpi {
    private final SimReaders readers;

    /** @param params a {@link SimReaders}, or null for the JVM-wide {@link SimReaders#shared()} */
    public SimTerminalFactorySpi(Object params) {
        if (params != null && !(params instanceof SimReaders)) {
            throw new IllegalArgumentException("MadoguchiSim takes a SimReaders or null, not " + params.getClass());
        }
        this.readers = params == null ? SimReaders.shared() : (SimReaders) params;
    }

    @Override
    protected CardTerminals engineTerminals() {
        return readers;
    }
}
