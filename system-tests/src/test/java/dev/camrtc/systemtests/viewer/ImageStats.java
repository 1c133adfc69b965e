package dev.camrtc.systemtests.viewer;

import java.awt.image.BufferedImage;

/** Luma statistics of an image: tells a real video frame from a black or flat one. */
record ImageStats(double meanLuma, double lumaStdDev) {

    static ImageStats of(BufferedImage image) {
        double sum = 0;
        double squares = 0;
        int n = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y);
                double luma = 0.299 * ((rgb >> 16) & 0xFF) + 0.587 * ((rgb >> 8) & 0xFF) + 0.114 * (rgb & 0xFF);
                sum += luma;
                squares += luma * luma;
                n++;
            }
        }
        double mean = sum / n;
        return new ImageStats(mean, Math.sqrt(Math.max(0, squares / n - mean * mean)));
    }

    /** The image as tightly packed BGR8 bytes. */
    static byte[] bgr(BufferedImage image) {
        byte[] out = new byte[image.getWidth() * image.getHeight() * 3];
        int i = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                out[i++] = (byte) rgb;
                out[i++] = (byte) (rgb >> 8);
                out[i++] = (byte) (rgb >> 16);
            }
        }
        return out;
    }
}
