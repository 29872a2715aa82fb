package jp.madoguchi.reports;

import com.lowagie.text.Font;
import com.lowagie.text.Phrase;
import java.text.AttributedCharacterIterator;
import java.text.Bidi;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import net.sf.jasperreports.pdf.classic.ClassicChunk;
import net.sf.jasperreports.pdf.classic.ClassicPdfProducer;
import net.sf.jasperreports.pdf.classic.ClassicPhrase;
import net.sf.jasperreports.pdf.common.PdfChunk;
import net.sf.jasperreports.pdf.common.PdfPhrase;
import net.sf.jasperreports.pdf.common.PdfProducer;
import net.sf.jasperreports.pdf.common.PdfProducerContext;
import net.sf.jasperreports.pdf.common.PdfProducerFactory;
import net.sf.jasperreports.pdf.common.PdfTextAlignment;
import net.sf.jasperreports.pdf.common.TextDirection;

/**
 * JasperReports' own OpenPDF producer, except that a left-to-right text holding no right-to-left
 * character is laid out without the Unicode bidirectional algorithm. JasperReports asks OpenPDF for an
 * explicit left-to-right run, which makes OpenPDF run {@link Bidi} over every text element (a
 * 10,000-row tally has 60,000 of them) only to find one left-to-right level: the same glyphs at the
 * same places, for a fifth of the export time. Text that does need the algorithm (Arabic, Hebrew in a
 * romaji name, say) still gets it.
 *
 * <p>It also makes each distinct font (face, size, colour, style) once per export instead of once per
 * text run.
 *
 * <p>Registered through {@code net.sf.jasperreports.export.pdf.producer.factory} on the engine's
 * context. A producer serves one export on one thread, as JasperReports' own does.
 */
public final class LtrTextPdfProducerFactory implements PdfProducerFactory {

    @Override
    public PdfProducer createProducer(PdfProducerContext context) {
        return new ClassicPdfProducer(context) {
            // One export asks for the same few fonts (face, size, colour) once per text run, 60,000
            // times for a 10,000-row tally; OpenPDF's FontFactory builds a new Font (and looks up its
            // BaseFont by a concatenated key) each time. Equal attributes give an equal font, so each
            // combination is made once per export. A lookup uses the caller's map as it is (maps of
            // any kind are equal by their entries); the stored key is a copy, since JasperReports
            // reuses its maps.
            private final Map<Locale, Map<Map<AttributedCharacterIterator.Attribute, Object>, Font>> fonts = new HashMap<>();

            @Override
            public Font getFont(Map<AttributedCharacterIterator.Attribute, Object> attributes, Locale locale) {
                Map<Map<AttributedCharacterIterator.Attribute, Object>, Font> byAttributes =
                        fonts.computeIfAbsent(locale, l -> new HashMap<>());
                Font font = byAttributes.get(attributes);
                if (font == null) {
                    font = super.getFont(attributes, locale);
                    byAttributes.put(new HashMap<>(attributes), font);
                }
                return font;
            }

            @Override
            public PdfPhrase createPhrase() {
                return new LtrPhrase(this, new Phrase());
            }

            @Override
            public PdfPhrase createPhrase(PdfChunk chunk) {
                return new LtrPhrase(this, new Phrase(((ClassicChunk) chunk).getChunk()));
            }
        };
    }

    private static final class LtrPhrase extends ClassicPhrase {
        private final Phrase phrase;

        LtrPhrase(ClassicPdfProducer producer, Phrase phrase) {
            super(producer, phrase);
            this.phrase = phrase;
        }

        @Override
        public float go(float llx, float lly, float urx, float ury, float fixedLeading, float multipliedLeading,
                        PdfTextAlignment alignment, TextDirection direction) {
            TextDirection effective = direction;
            if (direction == TextDirection.LTR) {
                char[] text = phrase.getContent().toCharArray();
                if (!Bidi.requiresBidi(text, 0, text.length)) {
                    effective = TextDirection.DEFAULT;
                }
            }
            return super.go(llx, lly, urx, ury, fixedLeading, multipliedLeading, alignment, effective);
        }
    }
}
