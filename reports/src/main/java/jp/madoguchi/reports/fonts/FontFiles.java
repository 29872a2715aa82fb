package jp.madoguchi.reports.fonts;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.zip.CRC32;
import jp.madoguchi.common.DataDirectories;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a font bundled on the class path into a file that AWT and OpenPDF can both open directly. A
 * font read through a stream costs twice: AWT copies the stream to a temporary file before parsing it,
 * and OpenPDF reads all of it into memory; from a jar each read also inflates the whole file (IPAmj明朝
 * is 46 MB). Given a path, AWT parses the file in place and OpenPDF maps it and reads only the tables
 * and glyphs it needs.
 *
 * <p>A font in a class-path directory is used where it lies. A font in a jar is extracted once into
 * {@code <data dir>/fonts}, under a name carrying the entry's CRC-32 and size, written to a temporary
 * file, checked against that CRC and moved into place atomically: a copy of the right name and size is
 * complete, and a new jar with a different font gets a new name. Later JVMs reuse the copy. When
 * that directory cannot be written, the font goes to a temporary file for this JVM only.
 *
 * <p>Thread-safe: each resource is resolved once per instance; concurrent JVMs extracting the same
 * font each write their own temporary file and the last atomic move wins with identical content.
 */
public final class FontFiles {

    private static final Logger LOG = LoggerFactory.getLogger(FontFiles.class);
    private static final FontFiles DEFAULT = new FontFiles(DataDirectories.forCurrentUser().data().resolve("fonts"),
            FontFiles.class.getClassLoader());

    private final Path extractDir;
    private final ClassLoader loader;
    private final Map<String, Path> resolved = new ConcurrentHashMap<>();

    /** {@code extractDir}: where fonts found in jars are extracted to; {@code loader}: whose class path holds them. */
    public FontFiles(Path extractDir, ClassLoader loader) {
        this.extractDir = extractDir;
        this.loader = loader;
    }

    /** The instance the report engine uses: jar fonts go to the user's Madoguchi data directory. */
    public static FontFiles standard() {
        return DEFAULT;
    }

    /**
     * The file holding the class-path resource {@code resource} (e.g. {@code jp/madoguchi/reports/fonts/ipamjm.ttf}).
     *
     * @throws IllegalStateException when the resource is not on the class path (a broken build)
     * @throws UncheckedIOException  when a font from a jar cannot be extracted even to a temporary file
     */
    public Path file(String resource) {
        return resolved.computeIfAbsent(resource, this::locate);
    }

    private Path locate(String resource) {
        URL url = loader.getResource(resource);
        if (url == null) {
            throw new IllegalStateException("font " + resource + " is not on the class path");
        }
        try {
            if ("file".equals(url.getProtocol())) {
                return Path.of(url.toURI());
            }
            return extract(url, resource);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("font URL " + url, e);
        } catch (IOException e) {
            // A data directory that cannot be written (read-only home, full disk) costs speed, not reports.
            LOG.warn("cannot keep font {} in {}; using a temporary copy for this run", resource, extractDir, e);
            return temporaryCopy(url, resource);
        }
    }

    private static Path temporaryCopy(URL url, String resource) {
        try {
            Path copy = Files.createTempFile("madoguchi-font-", "-" + resource.substring(resource.lastIndexOf('/') + 1));
            copy.toFile().deleteOnExit();
            try (InputStream in = url.openStream()) {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract font " + resource, e);
        }
    }

    private Path extract(URL url, String resource) throws IOException {
        URLConnection connection = url.openConnection();
        long size = -1;
        long crc = -1;
        if (connection instanceof JarURLConnection jar) {
            JarEntry entry = jar.getJarEntry();
            size = entry.getSize();
            crc = entry.getCrc();
        }
        if (size < 0 || crc < 0) {
            // No size or CRC to recognise a copy by: extract for this JVM only.
            return temporaryCopy(url, resource);
        }
        String fileName = resource.substring(resource.lastIndexOf('/') + 1);
        Files.createDirectories(extractDir);
        Path target = extractDir.resolve(String.format(Locale.ROOT, "%08x-%d-%s", crc, size, fileName));
        if (Files.isRegularFile(target) && Files.size(target) == size) {
            return target;
        }
        Path tmp = Files.createTempFile(extractDir, ".font-", ".tmp");
        try {
            CRC32 check = new CRC32();
            long written = 0;
            try (InputStream in = connection.getInputStream(); OutputStream out = Files.newOutputStream(tmp)) {
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    check.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                    written += n;
                }
            }
            if (written != size || check.getValue() != crc) {
                throw new IOException("extracted copy of " + resource + " does not match its jar entry");
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
