package io.lrtyield.backtest.report;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A plain line chart (or stacked areas) drawn headless into a PNG: days on x, one line per series. */
public final class LineChart {

    private static final int W = 960;
    private static final int H = 380;
    private static final int LEFT = 80;
    private static final int RIGHT = 190;
    private static final int TOP = 36;
    private static final int BOTTOM = 40;
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
            new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)};

    private LineChart() {
    }

    public static byte[] png(String title, String yLabel, List<Double> xs, Map<String, List<Double>> series, boolean stacked) {
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, LEFT, 22);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        double xMin = xs.isEmpty() ? 0 : xs.get(0);
        double xMax = xs.isEmpty() ? 1 : Math.max(xs.get(xs.size() - 1), xMin + 1e-9);
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        double[] stack = new double[xs.size()];
        for (List<Double> ys : series.values()) {
            for (int i = 0; i < ys.size() && i < xs.size(); i++) {
                double v = stacked ? (stack[i] += ys.get(i)) : ys.get(i);
                if (Double.isFinite(v)) {
                    yMin = Math.min(yMin, v);
                    yMax = Math.max(yMax, v);
                }
            }
        }
        if (stacked) {
            yMin = 0;
        }
        if (!Double.isFinite(yMin)) {
            yMin = 0;
            yMax = 1;
        }
        if (yMax - yMin < 1e-9) {
            yMax = yMin + Math.max(1e-6, Math.abs(yMin) * 1e-3);
        }
        double pad = (yMax - yMin) * 0.05;
        yMin -= stacked ? 0 : pad;
        yMax += pad;
        int pw = W - LEFT - RIGHT;
        int ph = H - TOP - BOTTOM;
        g.setColor(new Color(0xdddddd));
        for (int k = 0; k <= 4; k++) {
            int y = TOP + ph * k / 4;
            g.drawLine(LEFT, y, LEFT + pw, y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(fmt(yMax - (yMax - yMin) * k / 4), 4, y + 4);
            g.setColor(new Color(0xdddddd));
        }
        g.setColor(Color.DARK_GRAY);
        g.drawRect(LEFT, TOP, pw, ph);
        for (int k = 0; k <= 5; k++) {
            double x = xMin + (xMax - xMin) * k / 5;
            g.drawString(String.format(Locale.ROOT, "day %.0f", x), LEFT + pw * k / 5 - 16, TOP + ph + 16);
        }
        g.drawString(yLabel, LEFT, TOP + ph + 32);
        int c = 0;
        double[] base = new double[xs.size()];
        for (Map.Entry<String, List<Double>> e : series.entrySet()) {
            Color color = PALETTE[c % PALETTE.length];
            g.setColor(color);
            g.setStroke(new BasicStroke(1.6f));
            List<Double> ys = e.getValue();
            int prevX = -1;
            int prevY = -1;
            for (int i = 0; i < ys.size() && i < xs.size(); i++) {
                double v = ys.get(i);
                if (stacked) {
                    base[i] += v;
                    v = base[i];
                }
                if (!Double.isFinite(v)) {
                    prevX = -1;
                    continue;
                }
                int px = LEFT + (int) Math.round((xs.get(i) - xMin) / (xMax - xMin) * pw);
                int py = TOP + (int) Math.round((yMax - v) / (yMax - yMin) * ph);
                if (prevX >= 0) {
                    g.drawLine(prevX, prevY, px, py);
                }
                prevX = px;
                prevY = py;
            }
            g.fillRect(W - RIGHT + 10, TOP + 6 + c * 16, 10, 10);
            g.setColor(Color.BLACK);
            g.drawString(e.getKey(), W - RIGHT + 26, TOP + 15 + c * 16);
            c++;
        }
        g.dispose();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(img, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String fmt(double v) {
        double a = Math.abs(v);
        return a >= 1000 ? String.format(Locale.ROOT, "%.1f", v) : a >= 10 ? String.format(Locale.ROOT, "%.2f", v)
                : String.format(Locale.ROOT, "%.4f", v);
    }
}
