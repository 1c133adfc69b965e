#!/usr/bin/python3
"""A third-party WHEP player written with aiortc (Debian's python3-aiortc): plays a camrtc sender's
POST /whep (PROTOCOL.md 5) without any camrtc code.

  1. offers --video recvonly video m-lines, non-trickle: aiortc gathers every candidate before the
     offer (no audio m-line: Debian's aiortc 1.4 gives audio and video the same header extension id in
     one BUNDLE group, which libwebrtc refuses);
  2. POSTs it as application/sdp (Authorization: Bearer --token when given), expects 201 with the
     answer and a Location;
  3. counts the decoded frames of every track for --seconds after the first frame;
  4. DELETEs the session (expects 200) and prints one JSON line per video m-line:
     {"mid": "0", "stream": <the answer's msid stream id>, "frames": N, "fps": F, "width": W, "height": H}.

Exit status: 0 when every video m-line delivered frames, 1 otherwise, 2 on an HTTP error or timeout.

Example: /usr/bin/python3 aiortc_whep.py --url http://198.18.0.1:8000/whep --video 2
"""

import argparse
import asyncio
import json
import re
import sys
import time
import urllib.error
import urllib.request
from urllib.parse import urljoin

from aiortc import RTCConfiguration, RTCPeerConnection, RTCSessionDescription
from aiortc.mediastreams import MediaStreamError


def http(method, url, token, body=None, content_type=None):
    request = urllib.request.Request(url, data=body.encode() if body is not None else None, method=method)
    if content_type:
        request.add_header("Content-Type", content_type)
    if token:
        request.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(request, timeout=15) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read().decode()


async def count(track, seconds, out):
    first = None
    while True:
        try:
            frame = await track.recv()
        except MediaStreamError:
            return
        now = time.monotonic()
        if first is None:
            first = now
        if now - first > seconds:
            return
        out["frames"] += 1
        out["width"], out["height"] = frame.width, frame.height


async def main(args):
    pc = RTCPeerConnection(RTCConfiguration(iceServers=[]))
    for _ in range(args.video):
        pc.addTransceiver("video", direction="recvonly")
    counters, tasks = {}, []

    @pc.on("track")
    def on_track(track):
        if track.kind != "video":
            return
        mid = next(t.mid for t in pc.getTransceivers() if t.receiver.track is track)
        counters[mid] = {"mid": mid, "frames": 0, "width": 0, "height": 0}
        tasks.append(asyncio.ensure_future(count(track, args.seconds, counters[mid])))

    await pc.setLocalDescription(await pc.createOffer())
    loop = asyncio.get_running_loop()
    status, headers, body = await loop.run_in_executor(
        None, http, "POST", args.url, args.token, pc.localDescription.sdp, "application/sdp")
    if status != 201 or "Location" not in headers:
        print(f"POST {args.url}: {status} {body}", file=sys.stderr)
        return 2
    location = urljoin(args.url, headers["Location"])
    streams = {}
    mid = None
    for line in body.splitlines():
        if line.startswith("a=mid:"):
            mid = line[6:].strip()
        elif line.startswith("a=msid:"):
            streams[mid] = line[7:].split()[0]
    await pc.setRemoteDescription(RTCSessionDescription(sdp=body, type="answer"))
    deadline = time.monotonic() + args.timeout
    while len(tasks) < args.video and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    if tasks:
        await asyncio.wait(tasks, timeout=args.seconds + args.timeout)
    status, _, text = await loop.run_in_executor(None, http, "DELETE", location, args.token)
    await pc.close()
    if status != 200:
        print(f"DELETE {location}: {status} {text}", file=sys.stderr)
        return 2
    ok = len(counters) == args.video
    for mid, c in sorted(counters.items()):
        c["stream"] = streams.get(mid)
        c["fps"] = round(c["frames"] / args.seconds, 1)
        ok = ok and c["frames"] > 0
        print(json.dumps(c), flush=True)
    return 0 if ok else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", required=True, help="the sender's WHEP endpoint, e.g. http://HOST:8000/whep")
    parser.add_argument("--token", help="the sender's access token")
    parser.add_argument("--video", type=int, default=1, help="video m-lines to offer")
    parser.add_argument("--seconds", type=float, default=3.0, help="how long to count frames")
    parser.add_argument("--timeout", type=float, default=15.0, help="longest wait for the tracks")
    sys.exit(asyncio.run(main(parser.parse_args())))
