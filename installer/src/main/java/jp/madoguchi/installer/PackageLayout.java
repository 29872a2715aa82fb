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

    public String runtime() {
        return work + "/runtime";
    }

    public String dist() {
        return work + "/dist";
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
