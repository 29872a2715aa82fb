package jp.madoguchi.reports;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.util.Matrix;
import org.apache.pdfbox.util.Vector;

/**
 * Reads a PDF back with PDFBox: its text, its page count, and every glyph drawn with the font that
 * drew it, so a test can assert that the text round-trips and that no glyph is missing or unembedded.
 */
final class PdfCheck {

    final int pages;
    final String text;
    /** Problems found: a glyph drawn in an unembedded font, or as .notdef (GID 0). */
    final List<String> glyphProblems = new ArrayList<>();
    /** GIDs drawn, per base font name without the subset prefix. */
    final Map<String, Set<Integer>> gidsByFont = new HashMap<>();

    PdfCheck(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            pages = document.getNumberOfPages();
            PDFTextStripper stripper = new PDFTextStripper() {
                // Every glyph drawn, including those whose text comes only from /ActualText (an IVS
                // variant glyph has no ToUnicode entry of its own, so processTextPosition never sees it).
                @Override
                protected void showGlyph(Matrix matrix, PDFont font, int code, Vector displacement) throws IOException {
                    String name = font.getName() == null ? "?" : font.getName().replaceFirst("^[A-Z]{6}\\+", "");
                    if (!font.isEmbedded()) {
                        glyphProblems.add("not embedded: " + name + " code " + code);
                    }
                    if (font instanceof PDType0Font type0) {
                        int gid = type0.codeToGID(code);
                        gidsByFont.computeIfAbsent(name, k -> new HashSet<>()).add(gid);
                        if (gid == 0) {
                            glyphProblems.add(".notdef in " + name + " code " + code);
                        }
                    } else {
                        glyphProblems.add("not a Type0 Identity-H font: " + name);
                    }
                    super.showGlyph(matrix, font, code, displacement);
                }
            };
            text = stripper.getText(document);
        }
    }

    /** The text without any whitespace, for comparing names whatever line breaks extraction adds. */
    String compactText() {
        return strip(text);
    }

    static String strip(String s) {
        return s.replaceAll("\\s+", "");
    }
}
