#!/usr/bin/python3
"""A third-party depth receiver written with aiortc (Debian python3-aiortc, run with /usr/bin/python3),
following PROTOCOL.md 8 from the spec: it answers a sender's offer, takes the data channel labelled with
the depth stream's name, reassembles the 24-byte-header chunks, decodes raw or RVL (depth_check.py's
independent decoder) and checks every pixel against the section-8 test pattern of the header's counter.

No signaling server: the offer comes as one JSON line on stdin ({"sdp":..., "stream":..., "frames":N}), the
answer goes out as one JSON line on stdout ({"type":"answer","sdp":...}), then one JSON summary line.
"""

import asyncio
import json
import logging
import os
import struct
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from depth_check import check, rvl_decode  # noqa: E402

from aiortc import RTCPeerConnection, RTCSessionDescription  # noqa: E402

LOG = logging.getLogger("aiortc_depth_receiver")
HEADER = struct.Struct("<4sIQHHBBBB")  # magic, counter, capture us, width, height, codec, index, count, reserved


class Reassembler:
    """Joins chunks; drops a frame whose chunks do not all arrive in order, and unknown magic or codec."""

    def __init__(self):
        self.parts, self.key, self.expected = [], None, 0
        self.frames, self.exact, self.dropped, self.bad = 0, 0, 0, []
        self.counters, self.codecs, self.ordered, self.reliable = [], set(), None, None

    def chunk(self, data):
        if len(data) < HEADER.size or len(data) > 65536:
            self.drop()
            return
        magic, counter, micros, width, height, codec, index, count, _ = HEADER.unpack_from(data)
        if magic != b"CZ16" or codec not in (0, 1) or count == 0 or index >= count:
            self.drop()
            return
        key = (counter, micros, width, height, codec, count)
        if index == 0:
            if self.key is not None:
                self.drop()
            self.parts, self.key, self.expected = [], key, 0
        elif key != self.key or index != self.expected:
            self.drop()
            return
        self.parts.append(bytes(data[HEADER.size:]))
        self.expected += 1
        if self.expected == count:
            payload = b"".join(self.parts)
            self.key = None
            self.frame(counter, width, height, codec, payload)

    def drop(self):
        if self.key is not None:
            self.dropped += 1
        self.key = None

    def frame(self, counter, width, height, codec, payload):
        self.frames += 1
        self.counters.append(counter)
        self.codecs.add(codec)
        if codec == 0:
            pixels = list(struct.unpack("<%dH" % (width * height), payload))
        else:
            pixels, used = rvl_decode(payload, width * height)
            if used != len(payload):
                self.bad.append("frame %d: %d RVL bytes left over" % (counter, len(payload) - used))
        mismatches, first = check(pixels, width, height, counter)
        if mismatches:
            self.bad.append("frame %d: %d pixels differ, first %s" % (counter, mismatches, first))
        else:
            self.exact += 1


async def run():
    request = json.loads(sys.stdin.readline())
    reassembler = Reassembler()
    done = asyncio.Event()
    pc = RTCPeerConnection()

    @pc.on("datachannel")
    def on_datachannel(channel):
        if channel.label != request["stream"]:
            LOG.warning("ignoring data channel %s", channel.label)
            return
        reassembler.ordered = channel.ordered
        reassembler.reliable = channel.maxRetransmits is None and channel.maxPacketLifeTime is None

        @channel.on("message")
        def on_message(message):
            if isinstance(message, bytes):
                reassembler.chunk(message)
                if reassembler.frames >= request["frames"]:
                    done.set()

    await pc.setRemoteDescription(RTCSessionDescription(sdp=request["sdp"], type="offer"))
    await pc.setLocalDescription(await pc.createAnswer())
    print(json.dumps({"type": "answer", "sdp": pc.localDescription.sdp}), flush=True)
    try:
        await asyncio.wait_for(done.wait(), request.get("timeout", 30))
    except asyncio.TimeoutError:
        LOG.warning("timed out after %d frames", reassembler.frames)
    await pc.close()
    print(json.dumps({"frames": reassembler.frames, "exact": reassembler.exact, "dropped": reassembler.dropped,
                      "bad": reassembler.bad[:5], "counters": reassembler.counters,
                      "codecs": sorted(reassembler.codecs), "ordered": reassembler.ordered,
                      "reliable": reassembler.reliable}), flush=True)


def main():
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr,
                        format="%(asctime)s aiortc_depth_receiver %(levelname)s %(message)s")
    asyncio.run(run())


if __name__ == "__main__":
    main()
