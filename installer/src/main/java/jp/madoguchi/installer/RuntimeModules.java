package jp.madoguchi.installer;

import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The JDK modules the jlink runtime must hold. jdeps misses the ones reached only by name or by
 * service lookup, so they are named here: {@code java.smartcardio} (PC/SC), {@code jdk.localedata}
 * (the Japanese imperial calendar prints 令和, not "Reiwa"), {@code jdk.crypto.ec} (TLS 1.3 key
 * exchange with the central system), {@code jdk.net} (TCP_QUICKACK for the emulated card).
 */
public final class RuntimeModules {

    public static final List<String> REQUIRED = List.of(
            "java.base", "java.desktop", "java.logging", "java.naming", "java.net.http", "java.sql",
            "java.management", "java.scripting", "java.xml", "java.smartcardio", "jdk.localedata",
            "jdk.crypto.ec", "jdk.crypto.cryptoki", "jdk.net", "jdk.unsupported", "jdk.charsets", "jdk.zipfs");

    private RuntimeModules() {
    }

    /** The required modules the given runtime lacks; empty when it has them all. */
    public static List<String> missingFrom(ModuleFinder runtime) {
        Set<String> present = runtime.findAll().stream()
                .map(ModuleReference::descriptor).map(d -> d.name()).collect(Collectors.toSet());
        return REQUIRED.stream().filter(m -> !present.contains(m)).toList();
    }
}
