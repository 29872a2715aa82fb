package jp.madoguchi.sim.card.provider;

import java.security.Provider;

/**
 * JCA provider of the {@code MadoguchiSim} TerminalFactory type (card-spec.md §8.4). Use
 * {@code TerminalFactory.getInstance("MadoguchiSim", readers, new MadoguchiSimProvider())} with a
 * {@link SimReaders} (or null for {@link SimReaders#shared()}).
 */
public final class MadoguchiSimProvider extends Provider {
    private static final long serialVersionUID = 1L;
    public static final String TYPE = "MadoguchiSim";

    public MadoguchiSimProvider() {
        super("MadoguchiSim", "1.0", "Madoguchi emulated My Number Card terminals (in-JVM)");
        put("TerminalFactory." + TYPE, SimTerminalFactorySpi.class.getName());
    }
}
