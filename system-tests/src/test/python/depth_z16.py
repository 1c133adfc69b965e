"""Lossless depth over a data channel, PROTOCOL.md section 8, written from the text alone (not from the Java code).

Reassembles the chunks of one channel (the 24-byte little-endian header, payloads of chunks 0..count-1
concatenated, a frame whose chunks do not all arrive in order dropped, an unknown magic or codec dropped without
closing the channel), decodes raw or RVL (numpy, vectorised: 640x480 at 30 fps in Python), and checks every pixel
against the section-8 test pattern of the header's frame counter.

Bounds (hostile input changes nothing but the counters): a message over 65,536 bytes or under 24 is refused; a
frame larger than the announced width x height is refused; one frame at a time is buffered, at most 255 chunks
and MAX_BYTES_PER_PIXEL bytes per announced pixel; at most DepthStream.MAX_UNCHECKED whole frames wait to be checked.
"""

import struct
from concurrent.futures import ThreadPoolExecutor

import numpy

from timeline import Timeline

MAGIC = b"CZ16"
HEADER = struct.Struct("<4sIQHHBBBB")  # magic, counter, capture us, width, height, codec, index, count, reserved
MAX_MESSAGE = 65536
RAW, RVL = 0, 1
CODECS = {RAW: "raw", RVL: "rvl"}
# RVL's worst case is a 6-nibble zig-zag code per pixel plus run lengths: under 4 bytes per pixel; raw is 2.
MAX_BYTES_PER_PIXEL = 4
SLACK = 64


class DepthError(Exception):
    """A frame that cannot be decoded; the receiver counts and drops it."""


# --- Chunks -------------------------------------------------------------------------------------

class Frame:
    def __init__(self, counter, capture_us, width, height, codec, payload):
        self.counter, self.capture_us = counter, capture_us
        self.width, self.height, self.codec, self.payload = width, height, codec, payload


class Reassembler:
    """One channel's chunks -> complete frames. Counts what it drops; never raises on bad input."""

    def __init__(self, max_width, max_height):
        self.max_width, self.max_height = max_width, max_height
        self.max_bytes = max_width * max_height * MAX_BYTES_PER_PIXEL + SLACK
        self.invalid = 0     # not a chunk: text, too short or long, unknown magic or codec, index >= count
        self.refused = 0     # frames larger than announced, or whose bytes exceed the bound
        self.incomplete = 0  # frames dropped because their chunks did not all arrive in order
        self._frame = None   # (key, next index, payload parts, bytes) of the frame being joined
        self._dropped = None  # key of a frame being discarded, so its later chunks are not counted again

    def add(self, message):
        """Takes one data-channel message; returns a complete Frame or None."""
        if not isinstance(message, (bytes, bytearray)) or not HEADER.size <= len(message) <= MAX_MESSAGE:
            return self._invalid()
        magic, counter, capture_us, width, height, codec, index, count, _reserved = HEADER.unpack_from(message)
        if magic != MAGIC or codec not in CODECS or count == 0 or index >= count:
            return self._invalid()
        key = (counter, capture_us, width, height, codec, count)
        if key == self._dropped:
            return None
        if index == 0:
            self._abandon()
            if width > self.max_width or height > self.max_height:
                self.refused += 1
                self._dropped = key
                return None
            self._frame = (key, 0, [], 0)
        elif self._frame is None or self._frame[0] != key or self._frame[1] != index:
            self._abandon()
            self.incomplete += 1  # a chunk without its predecessors: its frame cannot be whole
            self._dropped = key
            return None
        key, _, parts, size = self._frame
        size += len(message) - HEADER.size
        if size > self.max_bytes:
            self._frame = None
            self.refused += 1
            self._dropped = key
            return None
        parts.append(bytes(message[HEADER.size:]))
        if index + 1 < count:
            self._frame = (key, index + 1, parts, size)
            return None
        self._frame = None
        return Frame(counter, capture_us, width, height, codec, b"".join(parts))

    def _abandon(self):
        if self._frame is not None:
            self.incomplete += 1
            self._dropped = self._frame[0]
            self._frame = None

    def _invalid(self):
        self.invalid += 1
        self._abandon()
        return None


# --- Decoding -----------------------------------------------------------------------------------

_SHIFTS = numpy.arange(28, -1, -4, dtype=numpy.uint32)  # nibbles fill a word from its most significant end
_MAX_NIBBLES = 11  # 33 bits: every 32-bit number the encoder writes fits


def decode(frame):
    """The frame's pixels, a (height, width) uint16 array; DepthError when its payload is not what it must be."""
    pixels = frame.width * frame.height
    if frame.codec == RAW:
        if len(frame.payload) != 2 * pixels:
            raise DepthError("raw payload of %d bytes for %dx%d" % (len(frame.payload), frame.width, frame.height))
        values = numpy.frombuffer(frame.payload, "<u2")
    else:
        values = rvl_decode(frame.payload, pixels)
    return values.reshape(frame.height, frame.width)


def rvl_decode(data, pixels):
    """RVL as section 8 describes it: (zero run, non-zero run, zig-zag deltas of the non-zeros) until the end;
    3-bit groups least significant first, high bit = more follow; 8 nibbles a little-endian word, first in the
    top nibble; the last word padded with zero nibbles."""
    if len(data) % 4:
        raise DepthError("RVL payload of %d bytes is not whole 32-bit words" % len(data))
    words = numpy.frombuffer(data, "<u4")
    nibbles = ((words[:, None] >> _SHIFTS) & 0xF).astype(numpy.uint8).ravel()
    ends = numpy.flatnonzero(nibbles < 8)  # a nibble without the continuation bit ends a number
    if len(ends) == 0:
        raise DepthError("RVL payload holds no number")
    starts = numpy.concatenate(([0], ends[:-1] + 1))
    lengths = ends - starts + 1
    if lengths.max() > _MAX_NIBBLES:
        raise DepthError("RVL number of %d nibbles" % lengths.max())
    used = ends[-1] + 1
    position = numpy.arange(used) - numpy.repeat(starts, lengths)
    numbers = numpy.add.reduceat((nibbles[:used] & 7).astype(numpy.int64) << (3 * position), starts)

    count = len(numbers)
    run_number, run_pixel, run_length = [], [], []
    filled = i = 0
    while filled < pixels:
        if i + 2 > count:
            raise DepthError("RVL ends after %d of %d pixels" % (filled, pixels))
        zeros, nonzeros = int(numbers[i]), int(numbers[i + 1])
        i += 2
        if zeros + nonzeros > pixels - filled:
            raise DepthError("RVL runs past the image at pixel %d" % filled)
        filled += zeros
        if nonzeros:
            if i + nonzeros > count:
                raise DepthError("RVL ends inside a run of %d values" % nonzeros)
            run_number.append(i)
            run_pixel.append(filled)
            run_length.append(nonzeros)
            i += nonzeros
            filled += nonzeros
    tail = nibbles[ends[i - 1] + 1:]
    if len(tail) >= 8 or tail.any():
        raise DepthError("RVL has %d nibbles after the last pixel, not just the last word's zero padding" % len(tail))

    out = numpy.zeros(pixels, numpy.uint16)
    if run_length:
        lengths = numpy.array(run_length)
        offset = numpy.arange(lengths.sum()) - numpy.repeat(numpy.cumsum(lengths) - lengths, lengths)
        codes = numbers[numpy.repeat(run_number, lengths) + offset]
        values = numpy.cumsum((codes >> 1) ^ -(codes & 1))  # un-zig-zag; each is a delta from the previous non-zero
        if values.min() < 1 or values.max() > 0xFFFF:
            raise DepthError("RVL non-zero value out of 1..65535")
        out[numpy.repeat(run_pixel, lengths) + offset] = values
    return out


# --- Section-8 test pattern -------------------------------------------------------------------

class Pattern:
    """depth(x, y, n) = 0 when (x / 32 + y / 32 + n) mod 7 == 0, else 300 + ((x + 2 * y + 5 * n) mod 4000)."""

    def __init__(self):
        self._size = None

    def bad_pixels(self, pixels, n):
        """How many pixels of frame n differ from the pattern."""
        height, width = pixels.shape
        if self._size != (width, height):
            y, x = numpy.mgrid[0:height, 0:width].astype(numpy.int32)
            self._blocks = (x // 32 + y // 32) % 7
            self._ramp = (x + 2 * y) % 4000
            self._size = (width, height)
        ramp = self._ramp + 5 * n % 4000
        ramp[ramp >= 4000] -= 4000
        expected = numpy.where(self._blocks == -n % 7, 0, 300 + ramp)
        return int(numpy.count_nonzero(pixels != expected))


# --- One received depth stream ----------------------------------------------------------------

def handles(stream):
    """True for an announced stream this module receives: 16UC1 on a data channel."""
    return stream.get("transport") == "datachannel" and stream.get("encoding") == "16UC1"


class DepthStream:
    """A depth stream's channel: frames timed as they arrive for `seconds` after `warmup` s from the first frame,
    and decoded and checked on one worker thread (numpy leaves the GIL, so aiortc's SCTP keeps acknowledging
    meanwhile); at most MAX_UNCHECKED frames wait for it, any beyond are counted `unchecked`."""

    MAX_UNCHECKED = 32

    def __init__(self, name, announced, warmup, seconds, check_pattern):
        self.name = name
        self.announced = {"width": announced["width"], "height": announced["height"],
                          "depth_units": announced.get("depth_units")}
        self.warmup, self.seconds = warmup, seconds
        self.reassembler = Reassembler(announced["width"], announced["height"])
        self.pattern = Pattern() if check_pattern else None
        self.timeline = Timeline()
        self.channel = None
        self.first = None
        self.width = self.height = 0
        self.frames = self.skipped = self.out_of_order = self.unchecked = 0
        self.last_counter = None
        self.codecs = set()
        self.stamps_tail = []  # the newest 20 [counter, capture_ms]
        self.checker = ThreadPoolExecutor(1, thread_name_prefix="depth-check-" + name)
        self.waiting = []
        # written by the checker thread only
        self.checked = self.bad_pixels = self.bad_frames = self.decode_errors = 0
        self.errors = []  # the first few decode errors, verbatim

    def opened(self, ordered, max_retransmits, max_packet_life_time):
        self.channel = {"ordered": ordered, "max_retransmits": max_retransmits,
                        "max_packet_life_time": max_packet_life_time}

    def add(self, message, now):
        """Takes one channel message received at `now` (s); True once the measuring window is over."""
        frame = self.reassembler.add(message)
        if frame is None:
            return False
        if self.first is None:
            self.first = now
        if now - self.first < self.warmup:
            return False
        if now - self.first >= self.warmup + self.seconds:
            return True
        self.frames += 1
        self.codecs.add(CODECS[frame.codec])
        self.width, self.height = frame.width, frame.height
        if self.last_counter is not None:
            if frame.counter > self.last_counter:
                self.skipped += frame.counter - self.last_counter - 1
            else:
                self.out_of_order += 1
        self.last_counter = frame.counter
        now_ms = int(now * 1000)  # the last chunk arrived: the frame is whole
        self.timeline.add(now_ms, now_ms - frame.capture_us // 1000)
        self.stamps_tail = (self.stamps_tail + [[frame.counter, frame.capture_us // 1000]])[-20:]
        self.waiting = [f for f in self.waiting if not f.done()]
        if len(self.waiting) >= self.MAX_UNCHECKED:
            self.unchecked += 1
        else:
            self.waiting.append(self.checker.submit(self._check, frame))
        return False

    def _check(self, frame):
        try:
            pixels = decode(frame)
        except DepthError as e:
            self.decode_errors += 1
            self.errors = (self.errors + [str(e)])[:5]
            return
        self.checked += 1
        if self.pattern is not None:
            bad = self.pattern.bad_pixels(pixels, frame.counter)
            self.bad_pixels += bad
            self.bad_frames += bad > 0

    def summary(self):
        """Waits for the frames still being checked, then the stream's JSON summary."""
        self.checker.shutdown(wait=True)
        r = self.reassembler
        return dict({"stream": self.name, "transport": "datachannel", "channel": self.channel,
                     "codecs": sorted(self.codecs), "width": self.width, "height": self.height,
                     "announced": self.announced, "frames": self.frames, "checked": self.checked,
                     "unchecked": self.unchecked, "pattern_checked": self.pattern is not None,
                     "bad_pixels": self.bad_pixels, "bad_frames": self.bad_frames,
                     "decode_errors": self.decode_errors, "errors": self.errors,
                     "skipped": self.skipped, "out_of_order": self.out_of_order, "in_order": self.out_of_order == 0,
                     "incomplete": r.incomplete, "refused": r.refused, "invalid": r.invalid,
                     "stamps_tail": self.stamps_tail}, **self.timeline.summary())
