package jp.madoguchi.reports.fonts;

import java.awt.Font;
import java.awt.FontFormatException;
import com.lowagie.text.DocumentException;
import com.lowagie.text.pdf.BaseFont;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.sf.jasperreports.engine.JasperReportsContext;
import net.sf.jasperreports.engine.fonts.InvalidFontException;
import net.sf.jasperreports.engine.fonts.SimpleFontFace;

/**
 * A font face read from a file when first used. JasperReports' own face loads its AWT font when the
 * extension is read (all three families, even one no report uses), from a stream that AWT copies to a
 * temporary file; this one lets AWT open the file in place when a text is first measured, and gives
 * OpenPDF the same file when a PDF first uses the face, so the PDF embeds (a subset of) exactly the
 * font AWT measured.
 *
 * <p>Thread-safe: the AWT font and OpenPDF's copy are each created at most once (double-checked on
 * volatile fields).
 */
final class FileFontFace extends SimpleFontFace {

    private final FontFiles files;
    private final String resource;
    private final String name;
    private final String pdfEncoding;
    private final boolean pdfEmbedded;
    private volatile Font font;
    private volatile boolean pdfReady;

    FileFontFace(JasperReportsContext context, FontFiles files, String resource, String name, String pdfEncoding,
                 boolean pdfEmbedded) {
        super(context);
        this.files = files;
        this.resource = resource;
        this.name = name;
        this.pdfEncoding = pdfEncoding;
        this.pdfEmbedded = pdfEmbedded;
    }

    /**
     * The font file's absolute path: the name JasperReports gives OpenPDF for this face. Before the
     * name is handed out, OpenPDF's font cache receives the font read from that file into memory once,
     * under the key JasperReports will look up (path, encoding, embedding): given only the path,
     * OpenPDF would read the file through unbuffered single-byte reads for every PDF it subsets from it.
     */
    @Override
    public String getTtf() {
        Path file = files.file(resource);
        if (!pdfReady && pdfEncoding != null) {
            synchronized (this) {
                if (!pdfReady) {
                    try {
                        BaseFont.createFont(file.toString(), pdfEncoding, pdfEmbedded, true, Files.readAllBytes(file), null);
                    } catch (IOException | DocumentException e) {
                        throw new InvalidFontException(resource, e);
                    }
                    pdfReady = true;
                }
            }
        }
        return file.toString();
    }

    @Override
    public Font getFont() {
        Font f = font;
        if (f == null) {
            synchronized (this) {
                f = font;
                if (f == null) {
                    Path file = files.file(resource);
                    try {
                        f = Font.createFont(Font.TRUETYPE_FONT, file.toFile());
                    } catch (FontFormatException | IOException e) {
                        throw new InvalidFontException(resource, e);
                    }
                    font = f;
                }
            }
        }
        return f;
    }

    /**
     * The family's name, without opening the file: JasperReports' font lookup compares every face's name
     * with the family asked for, and opens a face whose name is null to ask AWT.
     */
    @Override
    public String getName() {
        return name;
    }

    @Override
    public void loadFont() {
        getFont();
    }
}
