"""The frame stamp of PROTOCOL.md section 7, read from a decoded picture's luma."""

ROWS, COLUMNS = 2, 40
BLOCKS = ROWS * COLUMNS
MIN_CONTRAST = 60
AMBIGUITY = 0.20


def crc8(data):
    """CRC-8: polynomial 0x07, initial value 0, no reflection, no final XOR."""
    crc = 0
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = ((crc << 1) ^ 0x07) & 0xFF if crc & 0x80 else (crc << 1) & 0xFF
    return crc


def edge(i, length, parts):
    """round(i * length / parts), half up."""
    return (2 * i * length + parts) // (2 * parts)


def decode_stamp(luma, width, height):
    """Reads the stamp from a luma plane (2-D numpy array, rows x at least `width` columns).

    Returns (counter, capture_ms) or None when the frame carries no readable stamp.
    """
    band = (2 * height + 15) // 30  # round(height * 2 / 30)
    levels = []
    for k in range(BLOCKS):
        r, c = divmod(k, COLUMNS)
        y0, y1 = edge(r, band, ROWS), edge(r + 1, band, ROWS)
        x0, x1 = edge(c, width, COLUMNS), edge(c + 1, width, COLUMNS)
        ys = y0 + (y1 - y0) // 4
        ye = max(ys + 1, y1 - (y1 - y0) // 4)
        xs = x0 + (x1 - x0) // 4
        xe = max(xs + 1, x1 - (x1 - x0) // 4)
        levels.append(float(luma[ys:ye, xs:xe].mean()))
    white = (levels[0] + levels[BLOCKS - 1]) / 2
    black = (levels[1] + levels[BLOCKS - 2]) / 2
    contrast = white - black
    if contrast < MIN_CONTRAST:
        return None
    threshold = (white + black) / 2
    if any(abs(level - threshold) < AMBIGUITY * contrast for level in levels):
        return None
    bits = [level > threshold for level in levels]
    if not bits[0] or bits[1] or bits[BLOCKS - 2] or not bits[BLOCKS - 1]:
        return None
    value = 0
    for bit in bits[2:2 + 24 + 44 + 8]:
        value = (value << 1) | bit
    crc = value & 0xFF
    capture_ms = (value >> 8) & ((1 << 44) - 1)
    counter = value >> 52
    if crc8(counter.to_bytes(3, "big") + capture_ms.to_bytes(6, "big")) != crc:
        return None
    return counter, capture_ms


