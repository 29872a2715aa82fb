package jp.madoguchi.app.selfcheck;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The JDK modules the workstation's runtime must hold; the installer's jlink step adds exactly
 * these. jdeps misses the ones reached only by name or by service lookup, so they are named here:
 * {@code java.smartcardio} (PC/SC), {@code jdk.localedata} (the Japanese imperial calendar prints
 * 令和, not "Reiwa"), {@code jdk.crypto.ec} (TLS 1.3 key exchange with the central system),
 * {@code jdk.net} (TCP_QUICKACK for the emulated card of training mode), {@code jdk.charsets}
 * (Shift_JIS and EUC-JP for legacy exports).
 */
public final class RuntimeModules {

    public static final List<String> REQUIRED = List.of(
            "java.base", "java.desktop", "java.logging", "java.naming", "java.net.http", "java.sql",
            "java.management", "java.scripting", "java.xml", "java.smartcardio", "jdk.localedata",
            "jdk.crypto.ec", "jdk.crypto.cryptoki", "jdk.net", "jdk.unsupported", "jdk.charsets", "jdk.zipfs",
            "jdk.jfr");

    private RuntimeModules() {
    }

    /** The required modules for which {@code present} is false; empty when the runtime has them all. */
    public static List<String> missing(Predicate<String> present) {
        return REQUIRED.stream().filter(present.negate()).toList();
    }

    /** Whether the running JVM's boot layer has the module. */
    public static boolean inBootLayer(String module) {
        Optional<Module> found = ModuleLayer.boot().findModule(module);
        return found.isPresent();
    }
}
