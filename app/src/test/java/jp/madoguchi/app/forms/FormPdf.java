package jp.madoguchi.app.forms;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * A saved form read back the way the form tests check it: the text of page 1 and the part of it drawn in
 * IPAmj明朝 (names must be), both without white space, and page 1 kept as a PNG under
 * {@link #PREVIEWS} for people to look at.
 */
record FormPdf(int pages, String text, String ipamj) {

    static final Path PREVIEWS = Path.of("target/form-previews");

    static FormPdf read(Path file) throws IOException {
        StringBuilder ipamj = new StringBuilder();
        try (PDDocument document = Loader.loadPDF(file.toFile())) {
            PDFTextStripper stripper = new PDFTextStripper() {
                @Override
                protected void processTextPosition(TextPosition t) {
                    if (t.getFont().getName() != null && t.getFont().getName().contains("IPAmj")) {
                        ipamj.append(t.getUnicode());
                    }
                    super.processTextPosition(t);
                }
            };
            stripper.setStartPage(1);
            stripper.setEndPage(1);
            String text = stripper.getText(document);
            return new FormPdf(document.getNumberOfPages(), compact(text), compact(ipamj.toString()));
        }
    }

    /** Page 1 of {@code pdf} as {@code PREVIEWS/name.png} (pdftoppm, installed by ./mado test). */
    static void preview(Path pdf, String name) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", pdf.toString(),
                PREVIEWS.resolve(name).toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("pdftoppm: " + out).isZero();
        assertThat(PREVIEWS.resolve(name + ".png")).isNotEmptyFile();
    }

    /** {@code s} without white space, ideographic spaces included (line breaks fall anywhere in a PDF). */
    static String compact(String s) {
        return s.replaceAll("[\\s\\p{Z}]+", "");
    }
}
