package jp.madoguchi.app.photo;

/**
 * A decoded greyscale picture: 8-bit luminance, row by row, {@code width × height} bytes. Immutable
 * (the array is copied in and out), so it may cross threads.
 */
public record GreyImage(int width, int height, byte[] pixels) {

    public GreyImage {
        if (width <= 0 || height <= 0 || pixels.length != width * height) {
            throw new IllegalArgumentException("pixels do not match " + width + "x" + height);
        }
        pixels = pixels.clone();
    }

    @Override
    public byte[] pixels() {
        return pixels.clone();
    }

    /** The luminance at (x, y), 0–255. */
    public int at(int x, int y) {
        return pixels[y * width + x] & 0xFF;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GreyImage g && g.width == width && g.height == height
                && java.util.Arrays.equals(g.pixels, pixels);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(pixels);
    }

    @Override
    public String toString() {
        return "GreyImage[" + width + "x" + height + "]";
    }
}
