package dev.camrtc.media.rtc;

/** Video codecs the offering side can put first in its offer (the answerer takes the first it supports). */
public enum VideoCodec {
    VP8("video/VP8"),
    VP9("video/VP9"),
    H264("video/H264"),
    AV1("video/AV1");

    private final String mimeType;

    VideoCodec(String mimeType) {
        this.mimeType = mimeType;
    }

    public String mimeType() {
        return mimeType;
    }

    /** Case-insensitive lookup by name ({@code vp8}, {@code h264}, ...), with the known names in the error. */
    public static VideoCodec parse(String name) {
        for (VideoCodec c : values()) {
            if (c.name().equalsIgnoreCase(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown video codec '" + name + "' (known: vp8, vp9, h264, av1)");
    }
}
