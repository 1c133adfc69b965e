#!/usr/bin/python3
"""An independent reader of PROTOCOL.md 8 depth, written from the spec (and from ROS's
compressed_depth_image_transport layout), sharing no code with the Java implementation.

  depth_check.py compressed FILE N   FILE holds a sensor_msgs/CompressedImage `data` (16UC1; compressedDepth rvl);
                                     decodes it and checks every pixel against the test pattern of frame N.
Prints one JSON object: {"cols":..,"rows":..,"header":[format, p0, p1],"mismatches":..,"first":..}.
"""
import json
import struct
import sys


def rvl_decode(data, pixels):
    """RVL as ROS's DecompressRVL reads it: 32-bit little-endian words, nibbles from the top,
    low 3 bits first, 0x8 = more; per pair: zeros, non-zeros, then zig-zag differences."""
    words = struct.unpack("<%dI" % (len(data) // 4), data[: len(data) // 4 * 4])
    state = {"w": 0, "left": 0, "next": 0}

    def number():
        value, shift = 0, 0
        while True:
            if state["left"] == 0:
                if state["next"] >= len(words):
                    raise ValueError("truncated")
                state["w"] = words[state["next"]]
                state["next"] += 1
                state["left"] = 8
            nibble = (state["w"] >> 28) & 0xF
            state["w"] = (state["w"] << 4) & 0xFFFFFFFF
            state["left"] -= 1
            value |= (nibble & 7) << shift
            shift += 3
            if not nibble & 8:
                return value

    out = []
    previous = 0
    while len(out) < pixels:
        zeros = number()
        out.extend([0] * zeros)
        for _ in range(number()):
            code = number()
            delta = (code >> 1) ^ -(code & 1)
            previous = (previous + delta) & 0xFFFF
            out.append(previous)
    if len(out) != pixels:
        raise ValueError("runs overshoot: %d pixels for %d" % (len(out), pixels))
    return out, state["next"] * 4


def rvl_encode(pixels):
    """RVL as ROS's CompressRVL writes it, from the PROTOCOL.md 8 description."""
    words = []
    state = {"word": 0, "nibbles": 0}

    def put(value):
        while True:
            nibble = value & 7
            value >>= 3
            if value:
                nibble |= 8
            state["word"] = ((state["word"] << 4) | nibble) & 0xFFFFFFFF
            state["nibbles"] += 1
            if state["nibbles"] == 8:
                words.append(state["word"])
                state["word"], state["nibbles"] = 0, 0
            if not value:
                return

    i, previous, count = 0, 0, len(pixels)
    while i < count:
        start = i
        while i < count and pixels[i] == 0:
            i += 1
        put(i - start)
        start = i
        while i < count and pixels[i] != 0:
            i += 1
        put(i - start)
        for value in pixels[start:i]:
            delta = value - previous
            put(2 * delta if delta >= 0 else -2 * delta - 1)  # zig-zag
            previous = value
    if state["nibbles"]:
        words.append((state["word"] << (4 * (8 - state["nibbles"]))) & 0xFFFFFFFF)
    return struct.pack("<%dI" % len(words), *words)


def pattern(x, y, n):
    if (x // 32 + y // 32 + n) % 7 == 0:
        return 0
    return 300 + (x + 2 * y + 5 * n) % 4000


def check(pixels, cols, rows, n):
    bad, first = 0, None
    for y in range(rows):
        for x in range(cols):
            want = pattern(x, y, n)
            got = pixels[y * cols + x]
            if got != want:
                bad += 1
                if first is None:
                    first = "(%d, %d) = %d, want %d" % (x, y, got, want)
    return bad, first


def main():
    if sys.argv[1] == "compressed":
        data = open(sys.argv[2], "rb").read()
        n = int(sys.argv[3])
        fmt, p0, p1 = struct.unpack_from("<iff", data, 0)
        cols, rows = struct.unpack_from("<II", data, 12)
        pixels, used = rvl_decode(data[20:], cols * rows)
        bad, first = check(pixels, cols, rows, n)
        print(json.dumps({"cols": cols, "rows": rows, "header": [fmt, p0, p1], "rvl_bytes": len(data) - 20,
                          "rvl_bytes_read": used, "mismatches": bad, "first": first}))
    else:
        raise SystemExit("unknown command " + sys.argv[1])


if __name__ == "__main__":
    main()
