package jp.madoguchi.installer;

import java.util.ArrayList;
import java.util.List;
import jp.madoguchi.app.selfcheck.RuntimeModules;

/**
 * The jlink and jpackage command lines that build the workstation's runtime, app image and .deb.
 * Kept as data so a test can read what is asked of the tools, and one place owns every option.
 *
 * @param input     directory holding the app jar and every runtime dependency jar (JavaFX included:
 *                  Maven Central's JavaFX jars are used from the class path, their natives unpacked
 *                  by JavaFX itself at first start)
 * @param mainJar   the app jar's file name inside {@code input}
 * @param resources jpackage resource directory: control file, desktop entry, postinst, icon
 */
public record PackageLayout(String input, String mainJar, String resources, String work, String version) {

    public static final String NAME = "madoguchi";
    public static final String MAIN_CLASS = "jp.madoguchi.app.cli.Main";
    /** The classes a start to the sign-in screen loads, recorded at package time and shipped in {@code lib/app}. */
    public static final String CLASS_LIST = NAME + ".classlist";
    /** The class-data sharing archive postinst makes from {@link #CLASS_LIST} beside it (docs/decisions/0006). */
    public static final String ARCHIVE = NAME + ".jsa";
    /** What the workstation logs once its sign-in screen is shown (the recording run waits for it). */
    public static final String SHOWN = "sign-in screen shown";

    public String runtime() {
        return work + "/runtime";
    }

    public String dist() {
        return work + "/dist";
    }

    /** The class list recorded into the jpackage input, so that it travels in {@code lib/app}. */
    public String classList() {
        return input + "/" + CLASS_LIST;
    }

    /**
     * The recording run: the linked runtime's own {@code java} on the input's jars (the main jar first,
     * like the launcher) starting the workstation in training mode on {@code dataDir}, writing every
     * class it loads to {@link #classList()}. {@code jars} are the file names in {@code input}.
     */
    public List<String> recordArgs(List<String> jars, String dataDir) {
        List<String> cp = new ArrayList<>();
        cp.add(input + "/" + mainJar);
        jars.stream().filter(j -> !j.equals(mainJar)).sorted().forEach(j -> cp.add(input + "/" + j));
        return List.of(runtime() + "/bin/java", "-XX:DumpLoadedClassList=" + classList(), "-Dfile.encoding=UTF-8", "-Xss2m",
                "-cp", String.join(":", cp), MAIN_CLASS, "--set", "data.dir=" + dataDir, "--set", "training.mode=true");
    }

    public List<String> jlinkArgs() {
        return List.of("--add-modules", String.join(",", RuntimeModules.REQUIRED),
                "--strip-debug", "--no-header-files", "--no-man-pages", "--compress=2",
                "--output", runtime());
    }

    /** {@code type} is {@code app-image} or {@code deb}. */
    public List<String> jpackageArgs(String type) {
        List<String> args = new ArrayList<>(List.of(
                "--type", type,
                "--name", NAME,
                "--app-version", version,
                "--vendor", "Madoguchi",
                "--description", "My Number Card counter workstation (窓口端末)",
                "--input", input,
                "--main-jar", mainJar,
                "--main-class", MAIN_CLASS,
                "--runtime-image", runtime(),
                "--java-options", "-Dfile.encoding=UTF-8",
                "--java-options", "-Xss2m",
                // Made by postinst; while it is missing or refused (e.g. a jar replaced) the JVM starts without it.
                "--java-options", "-XX:SharedArchiveFile=$APPDIR/" + ARCHIVE,
                "--icon", resources + "/madoguchi.png",
                "--dest", dist()));
        if (type.equals("deb")) {
            args.addAll(List.of(
                    "--resource-dir", resources,
                    "--linux-package-name", NAME,
                    "--linux-deb-maintainer", "madoguchi@madoguchi.invalid",
                    "--linux-menu-group", "Office",
                    "--linux-app-category", "misc",
                    "--linux-shortcut"));
        }
        return args;
    }
}
