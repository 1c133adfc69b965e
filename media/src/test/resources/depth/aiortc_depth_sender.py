#!/usr/bin/python3
"""A third-party depth SENDER written with aiortc (Debian python3-aiortc, run with /usr/bin/python3),
following PROTOCOL.md 8 from the spec with its own code: it offers one ordered reliable data channel
labelled with the stream name and sends test-pattern frames (raw and RVL, depth_check.py's encoder) as
chunks with the 24-byte header. It deliberately uses small chunks (any size up to 65,536 is allowed),
so one frame spans many.

No signaling server: the offer goes out as one JSON line on stdout ({"type":"offer","sdp":...}), the answer
comes as one JSON line on stdin ({"sdp":...}); then one JSON summary line on stdout.
Usage: aiortc_depth_sender.py STREAM WIDTH HEIGHT FRAMES CHUNK_PAYLOAD_BYTES
"""

import asyncio
import json
import os
import struct
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from depth_check import pattern, rvl_encode  # noqa: E402

from aiortc import RTCPeerConnection, RTCSessionDescription  # noqa: E402

HEADER = struct.Struct("<4sIQHHBBBB")


def chunks(counter, micros, width, height, codec, payload, size):
    parts = [payload[i:i + size] for i in range(0, len(payload), size)] or [b""]
    for index, part in enumerate(parts):
        yield HEADER.pack(b"CZ16", counter, micros, width, height, codec, index, len(parts), 0) + part


async def run(stream, width, height, frames, chunk_size):
    pc = RTCPeerConnection()
    channel = pc.createDataChannel(stream, ordered=True)
    opened = asyncio.Event()
    channel.on("open", opened.set)
    await pc.setLocalDescription(await pc.createOffer())
    print(json.dumps({"type": "offer", "sdp": pc.localDescription.sdp}), flush=True)
    answer = json.loads(await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline))
    await pc.setRemoteDescription(RTCSessionDescription(sdp=answer["sdp"], type="answer"))
    await asyncio.wait_for(opened.wait(), 20)
    sent, messages = 0, 0
    for n in range(1000, 1000 + frames):
        pixels = [pattern(x, y, n) for y in range(height) for x in range(width)]
        codec = 0 if n % 3 == 0 else 1
        payload = struct.pack("<%dH" % len(pixels), *pixels) if codec == 0 else rvl_encode(pixels)
        for chunk in chunks(n, int(time.time() * 1e6), width, height, codec, payload, chunk_size):
            channel.send(chunk)
            messages += 1
        sent += 1
        await asyncio.sleep(0.033)
    while channel.bufferedAmount > 0:
        await asyncio.sleep(0.02)
    await asyncio.sleep(0.5)
    print(json.dumps({"frames": sent, "messages": messages}), flush=True)
    sys.stdin.readline()  # wait until the Java side has checked, then close
    await pc.close()


def main():
    stream, width, height, frames, chunk_size = sys.argv[1], *map(int, sys.argv[2:6])
    asyncio.run(run(stream, width, height, frames, chunk_size))


if __name__ == "__main__":
    main()
