package jp.madoguchi.reports;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import net.sf.jasperreports.engine.JasperReportsContext;
import net.sf.jasperreports.renderers.AbstractRenderer;
import net.sf.jasperreports.renderers.Graphics2DRenderable;

/**
 * One bar of the daily tally's chart, drawn as vector shapes beside the row's own text (so the chart
 * carries no text of its own that could lose its Japanese font). The jasperreports-charts extension
 * is not used: its 7.0.6 release is not on Maven Central.
 */
public final class BarRenderer extends AbstractRenderer implements Graphics2DRenderable {

    private static final long serialVersionUID = 1L;
    private static final Color BAR = new Color(0x2E, 0x5E, 0x9E);
    private static final Color TRACK = new Color(0xE6, 0xEA, 0xF0);

    private final double fraction;

    /** A bar of {@code value / max}; {@code max <= 0} draws an empty track. */
    public BarRenderer(int value, int max) {
        this.fraction = max <= 0 ? 0 : Math.max(0, Math.min(1, value / (double) max));
    }

    @Override
    public void render(JasperReportsContext context, Graphics2D g, Rectangle2D area) {
        g.setColor(TRACK);
        g.fill(area);
        g.setColor(BAR);
        g.fill(new Rectangle2D.Double(area.getX(), area.getY(), area.getWidth() * fraction, area.getHeight()));
    }
}
