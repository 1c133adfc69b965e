package dev.camrtc.ros.mjpeg;

/**
 * The image size a JPEG declares in its frame header (SOF marker), read without decoding, so that a JPEG of
 * another size than the stream announced is refused before any decoder allocates memory for it.
 */
final class JpegHeader {
    private JpegHeader() {
    }

    /**
     * Width and height from the first SOF segment ({@code FFC0}..{@code FFCF} except DHT {@code C4}, JPG
     * {@code C8} and DAC {@code CC}).
     *
     * @return {@code {width, height}}
     * @throws IllegalArgumentException when the bytes are not a JPEG or hold no frame header before the scan
     */
    static int[] size(byte[] jpeg, int length) {
        if (length < 4 || (jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != 0xD8) {
            throw new IllegalArgumentException("not a JPEG (no SOI marker)");
        }
        int i = 2;
        while (i + 4 <= length) {
            if ((jpeg[i] & 0xFF) != 0xFF) {
                throw new IllegalArgumentException("JPEG marker expected at byte " + i);
            }
            int marker = jpeg[i + 1] & 0xFF;
            if (marker == 0xFF) { // fill byte
                i++;
                continue;
            }
            if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) { // no length
                i += 2;
                continue;
            }
            if (marker == 0xD9 || marker == 0xDA) {
                break; // end of image or start of scan before any frame header
            }
            int segment = ((jpeg[i + 2] & 0xFF) << 8) | (jpeg[i + 3] & 0xFF);
            if (segment < 2 || i + 2 + segment > length) {
                throw new IllegalArgumentException("JPEG segment FF" + Integer.toHexString(marker).toUpperCase()
                        + " at byte " + i + " overruns the data");
            }
            if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                if (segment < 8) {
                    throw new IllegalArgumentException("JPEG frame header too short");
                }
                int height = ((jpeg[i + 5] & 0xFF) << 8) | (jpeg[i + 6] & 0xFF);
                int width = ((jpeg[i + 7] & 0xFF) << 8) | (jpeg[i + 8] & 0xFF);
                return new int[] {width, height};
            }
            i += 2 + segment;
        }
        throw new IllegalArgumentException("JPEG without a frame header (SOF)");
    }
}
