package jp.madoguchi.installer.cli;

import java.io.IOException;
import jp.madoguchi.installer.PackageLayout;
import jp.madoguchi.installer.Packager;

/**
 * Builds the jlink runtime and the .deb: {@code PackageCommand INPUT MAIN_JAR RESOURCES WORK VERSION}.
 * Run by Maven's {@code deb} profile ({@code ./mado package}, {@code ./mado test}).
 */
public final class PackageCommand {

    private PackageCommand() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 5) {
            System.err.println("usage: PackageCommand INPUT MAIN_JAR RESOURCES WORK VERSION");
            System.exit(2);
        }
        try {
            Packager.Build build = new Packager(System.out, System.err)
                    .build(new PackageLayout(args[0], args[1], args[2], args[3], args[4]));
            System.out.printf("built %s (%.1f MB) in %.1f s%n", build.deb(), build.debBytes() / 1e6, build.totalMillis() / 1000.0);
        } catch (IllegalStateException e) {
            System.err.println("package: " + e.getMessage());
            System.exit(1);
        }
    }
}
