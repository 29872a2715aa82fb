package jp.madoguchi.reports.preview;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.multipdf.PDFMergerUtility;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * What a Reports screen does with finished PDFs: joins several documents into one (one renewal letter
 * per resident, saved as one file) and renders the first pages as pixels for an on-screen preview.
 * AWT stays here (architecture.md §1: only this module touches it); callers get plain ARGB ints.
 *
 * <p>Stateless and thread-safe; every call is CPU work of tens to hundreds of milliseconds per page,
 * so call it off the UI thread.
 */
public final class PdfPages {

    /** One rendered page: {@code argb} holds width × height pixels, row by row, alpha in the high byte. */
    public record Page(int width, int height, int[] argb) {
    }

    /** A PDF and the number of its pages. */
    public record Joined(byte[] pdf, int pageCount) {
    }

    private PdfPages() {
    }

    /** The documents one after another in one PDF (a single document is returned as it is). */
    public static Joined join(List<byte[]> documents) {
        if (documents.isEmpty()) {
            throw new IllegalArgumentException("nothing to join");
        }
        try {
            if (documents.size() == 1) {
                return new Joined(documents.get(0), pageCount(documents.get(0)));
            }
            PDFMergerUtility merger = new PDFMergerUtility();
            for (byte[] document : documents) {
                merger.addSource(new RandomAccessReadBuffer(document));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            merger.setDestinationStream(out);
            merger.mergeDocuments(null);
            byte[] joined = out.toByteArray();
            return new Joined(joined, pageCount(joined));
        } catch (IOException e) {
            throw new UncheckedIOException("joining rendered reports", e);
        }
    }

    /** The number of pages of {@code pdf}. */
    public static int pageCount(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return document.getNumberOfPages();
        } catch (IOException e) {
            throw new UncheckedIOException("reading a rendered report", e);
        }
    }

    /** The first {@code pages} pages (fewer when the PDF is shorter) at {@code dpi}, in page order. */
    public static List<Page> render(byte[] pdf, int pages, float dpi) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDFRenderer renderer = new PDFRenderer(document);
            int n = Math.min(pages, document.getNumberOfPages());
            List<Page> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                BufferedImage image = renderer.renderImageWithDPI(i, dpi, ImageType.ARGB);
                int w = image.getWidth();
                int h = image.getHeight();
                out.add(new Page(w, h, image.getRGB(0, 0, w, h, null, 0, w)));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("rendering a report preview", e);
        }
    }
}
