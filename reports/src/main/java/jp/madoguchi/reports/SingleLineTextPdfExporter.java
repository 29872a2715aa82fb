package jp.madoguchi.reports;

import com.lowagie.text.Font;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfContentByte;
import java.awt.Color;
import java.awt.font.TextAttribute;
import java.text.AttributedCharacterIterator;
import java.text.Bidi;
import java.util.Locale;
import java.util.Map;
import net.sf.jasperreports.engine.JRPrintText;
import net.sf.jasperreports.engine.JasperReportsContext;
import net.sf.jasperreports.engine.type.HyperlinkTypeEnum;
import net.sf.jasperreports.engine.type.RunDirectionEnum;
import net.sf.jasperreports.engine.util.JRStyledText;
import net.sf.jasperreports.engine.util.JRTextAttribute;
import net.sf.jasperreports.pdf.AbstractPdfTextRenderer;
import net.sf.jasperreports.pdf.JRPdfExporter;
import net.sf.jasperreports.pdf.JRPdfExporterTagHelper;
import net.sf.jasperreports.pdf.SimplePdfTextRenderer;
import net.sf.jasperreports.pdf.classic.ClassicPdfProducer;
import net.sf.jasperreports.pdf.common.PdfProducer;
import net.sf.jasperreports.pdf.common.PdfTextAlignment;
import net.sf.jasperreports.pdf.common.PdfTextRendererContext;

/**
 * JasperReports' PDF exporter, except that a text element holding one line of plain text in one
 * font, which fits its box, is written to the page directly: the same operators, glyphs and
 * coordinates OpenPDF's {@code ColumnText} would write (begin text, text matrix, font, fill colour,
 * the glyph run, end text), without laying the line out through {@code ColumnText}, {@code BidiLine},
 * {@code PdfLine} and a content buffer of its own per cell. A 10,000-row tally has 60,000 such cells;
 * laying each out was about a third of its export (issue 9).
 *
 * <p>Every other text goes the standard way: several paragraphs or style runs, tabs and control
 * characters, surrogate pairs and variation selectors (those take JasperReports' glyph renderer
 * anyway), right-to-left text, justified alignment, underline, strike-through, background, super- and
 * subscript, hyperlinks and anchors, a bold or italic face OpenPDF would simulate, and a line that
 * does not fit its width or height (which {@code ColumnText} wraps or drops). A tagged PDF (the
 * engine never asks for one) goes the standard way throughout: its tags are written by a helper only
 * JasperReports' own package can call.
 *
 * <p>One exporter serves one export on one thread, as JasperReports' own does.
 */
final class SingleLineTextPdfExporter extends JRPdfExporter {

    /** OpenPDF's {@code PdfLine.getMaxSize()} starts the image leading there. */
    private static final float NO_IMAGE_LEADING = -10000f;

    private int texts;
    private int direct;

    SingleLineTextPdfExporter(JasperReportsContext context) {
        super(context);
    }

    /** Text elements exported so far (empty ones, which JasperReports skips, not counted). */
    int texts() {
        return texts;
    }

    /** Of {@link #texts()}, those written directly. */
    int direct() {
        return direct;
    }

    @Override
    protected AbstractPdfTextRenderer getTextRenderer(JRPrintText text, JRStyledText styledText) {
        if (styledText.length() > 0) {
            texts++;
        }
        PdfTextRendererContext context = createPdfTextRendererContext(text, styledText, getTextLocale(text));
        AbstractPdfTextRenderer standard = pdfProducer.getTextRenderer(context);
        // Only where JasperReports itself would use the simple renderer (not the glyph renderer for
        // 𠮷 or IVS, nor the legacy or saved-line-break ones) and only for candidate text.
        if (standard.getClass() == SimplePdfTextRenderer.class && pdfProducer instanceof ClassicPdfProducer
                && !Boolean.TRUE.equals(getCurrentConfiguration().isTagged()) && candidate(text, styledText)) {
            return new SingleLineRenderer(getJasperReportsContext(), context, this);
        }
        return standard;
    }

    private int pageHeight() {
        return getCurrentPageFormat().getPageHeight();
    }

    /** What can be decided before rendering: one run, left-to-right, no link, characters without layout needs. */
    private static boolean candidate(JRPrintText text, JRStyledText styledText) {
        if (text.getRunDirection() != RunDirectionEnum.LTR || styledText.getRuns().size() != 1
                || text.getAnchorName() != null
                || (text.getHyperlinkType() != null && text.getHyperlinkType() != HyperlinkTypeEnum.NONE)) {
            return false;
        }
        String value = styledText.getText();
        if (value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < ' ' || c == 0x7f || Character.isSurrogate(c) || invisible(c)) {
                return false;
            }
        }
        return !Bidi.requiresBidi(value.toCharArray(), 0, value.length());
    }

    /** Characters OpenPDF skips when it lays a line out ({@code PdfChunk.noPrint}). */
    private static boolean invisible(char c) {
        return (c >= 0x200b && c <= 0x200f) || (c >= 0x202a && c <= 0x202e);
    }

    /**
     * JasperReports' simple renderer with its phrase step replaced for a line that fits. The box and
     * the first baseline are computed from the same fields and in the same float operations as
     * JasperReports and OpenPDF do, so the coordinates written are the same numbers.
     */
    private static final class SingleLineRenderer extends SimplePdfTextRenderer {
        private final SingleLineTextPdfExporter exporter;
        private final Locale locale;
        private float top;

        SingleLineRenderer(JasperReportsContext jasperReportsContext, PdfTextRendererContext context,
                           SingleLineTextPdfExporter exporter) {
            super(jasperReportsContext, context);
            this.exporter = exporter;
            this.locale = context.getTextLocale();
        }

        @Override
        public void initialize(JRPdfExporter pdfExporter, PdfProducer pdfProducer, JRPdfExporterTagHelper tagHelper,
                               JRPrintText text, JRStyledText styledText, int offsetX, int offsetY) {
            super.initialize(pdfExporter, pdfProducer, tagHelper, text, styledText, offsetX, offsetY);
            // SimpleAbstractPdfTextRenderer's first yLine (private there).
            top = (float) (exporter.pageHeight() - y - topPadding) - verticalAlignOffset - text.getLeadingOffset();
        }

        /**
         * For one left-to-right paragraph of one run without lists, JasperReports' render() amounts to
         * one createParagraphPhrase over the whole text between the tag helper's start and end (which
         * write nothing in an untagged PDF); that phrase step is what is replaced here.
         */
        @Override
        public void render() {
            if (!drawn()) {
                super.render();
            }
        }

        /** Writes the line and returns true, or returns false having written nothing. */
        private boolean drawn() {
            String value = allText;
            if (horizontalAlignment == PdfTextAlignment.JUSTIFIED || horizontalAlignment == PdfTextAlignment.JUSTIFIED_ALL) {
                return false;
            }
            AttributedCharacterIterator run = getAttributedString().getIterator();
            if (run.getEndIndex() != value.length() || run.getRunLimit() < value.length()) {
                return false;
            }
            Map<AttributedCharacterIterator.Attribute, Object> attributes = run.getAttributes();
            // What JRPdfExporter.getChunk and getPhrase would add to the chunk, and lists (bullets, indents).
            if (TextAttribute.UNDERLINE_ON.equals(attributes.get(TextAttribute.UNDERLINE))
                    || TextAttribute.STRIKETHROUGH_ON.equals(attributes.get(TextAttribute.STRIKETHROUGH))
                    || attributes.get(TextAttribute.BACKGROUND) != null
                    || attributes.get(TextAttribute.SUPERSCRIPT) != null
                    || attributes.get(JRTextAttribute.HYPERLINK) != null
                    || attributes.get(JRTextAttribute.HTML_LIST) != null
                    || attributes.get(JRTextAttribute.HTML_LIST_ITEM) != null) {
                return false;
            }
            ClassicPdfProducer producer = (ClassicPdfProducer) pdfProducer;
            Font font = producer.getFont(attributes, locale);
            BaseFont baseFont = font.getBaseFont();
            float size = font.getSize();
            if (baseFont == null || size <= 0f || (font.getStyle() != Font.NORMAL && font.getStyle() != Font.UNDEFINED)) {
                return false;
            }
            // SimpleAbstractPdfTextRenderer.createPhrase's column, then ColumnText.setSimpleColumn. The
            // deprecated legacy measuring fix is read because createPhrase still reads it.
            int pageHeight = exporter.pageHeight();
            float llx = htmlListIndent + x + leftPadding;
            float urx = x + width - rightPadding;
            float lly = pageHeight - y - height + bottomPadding - (legacyTextMeasuringFix ? 1 : 0);
            float ury = top;
            float leftX = Math.min(llx, urx);
            float maxY = Math.max(lly, ury);
            float minY = Math.min(lly, ury);
            float columnWidth = Math.max(llx, urx) - leftX;
            if (columnWidth <= 0f) {
                return false;
            }
            // ColumnText.go: the line's leading (fixed 0, multiplied by the line spacing factor) must fit.
            float leading = Math.max(0f + size * text.getLineSpacingFactor(), NO_IMAGE_LEADING);
            if (maxY - leading < minY) {
                return false;
            }
            // BidiLine.processLine: the width left after each character, which must never go negative.
            float left = columnWidth;
            for (int i = 0; i < value.length(); i++) {
                float advance = baseFont.getWidthPoint(value.charAt(i), size);
                if (left - advance < 0) {
                    return false;
                }
                left -= advance;
            }
            // PdfLine.indentLeft for a line that starts at 0.
            float indent = switch (horizontalAlignment) {
                case RIGHT -> 0f + left;
                case CENTER -> 0f + left / 2f;
                default -> 0f;
            };
            // PdfDocument.writeLineToContent for one plain chunk, inside ColumnText's text object.
            PdfContentByte canvas = producer.getPdfContentByte();
            Color color = font.getColor();
            canvas.beginText();
            canvas.setTextMatrix(leftX + 0f + indent, maxY - leading);
            canvas.setFontAndSize(baseFont, size);
            if (color != null) {
                canvas.setColorFill(color);
            }
            canvas.showText(value);
            if (color != null) {
                canvas.resetRGBColorFill();
            }
            canvas.endText();
            exporter.direct++;
            return true;
        }
    }
}
