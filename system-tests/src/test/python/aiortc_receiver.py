#!/usr/bin/python3
"""A third-party camrtc receiver written with aiortc, following PROTOCOL.md (version 1) to the letter.

It uses only Debian's python3 packages (python3-aiortc, python3-websockets; numpy comes with
python3-av). Run it with Debian's interpreter, /usr/bin/python3.

What it does:
  1. connects to <server>/ws/receiver and waits for `registered` (section 3.1);
  2. waits for a `sender` message naming the wanted sender with its `streams` (3.2);
  3. sends `request_offer` (3.3): the --streams given; else every stream it handles (video tracks, and 16UC1
     depth on a data channel, section 8) -- without `streams` (= all) when that is every announced stream;
  4. answers the offer non-trickle: aiortc gathers every candidate before the answer, so they are all
     in the SDP and no `candidate` message is ever sent (3.4); the answer echoes `session_id`;
  5. maps each received track to its stream name through the offer's `streams` (mid -> name), and each
     data channel to its depth stream by label (section 8);
  6. for --seconds after a --warmup from the first frame: reads the frame stamp (section 7) from the luma of
     every video frame; reassembles, decodes (raw or RVL) and, with --depth-pattern, checks every pixel of
     every depth frame (depth_z16.py);
  7. prints one JSON line per stream, sends `hangup` (with `session_id`) and leaves (3.5).

Exit status: 0 when every stream delivered frames, 1 otherwise, 2 on a protocol error or timeout.

Example:
  /usr/bin/python3 aiortc_receiver.py --server ws://127.0.0.1:8080 --sender d435-lab --streams infrared
  /usr/bin/python3 aiortc_receiver.py --server ws://127.0.0.1:8080 --sender pattern --streams depth_z16 --depth-pattern
"""

import argparse
import asyncio
import json
import logging
import resource
import sys
import time
from urllib.parse import quote

import numpy
import websockets
from aiortc import RTCConfiguration, RTCIceServer, RTCPeerConnection, RTCSessionDescription
from aiortc.mediastreams import MediaStreamError

from depth_z16 import DepthStream, handles
from frame_stamp import decode_stamp
from timeline import Timeline

LOG = logging.getLogger("aiortc_receiver")

# --- Per-stream statistics ----------------------------------------------------------------------

class StreamStats:
    """What one video stream delivered inside the measuring window."""

    def __init__(self, name, mid):
        self.name = name
        self.mid = mid
        self.width = self.height = 0
        self.frames = 0
        self.stamped = 0
        self.out_of_order = 0
        self.stamps_tail = []  # the newest 20 decoded [counter, capture_ms], to compare with a known source
        self.last_counter = None
        self.timeline = Timeline()
        self.chroma = []

    def add_chroma(self, u, v):
        """Mean distance of the chroma planes from neutral grey (about 0 for a mono8 stream)."""
        self.chroma.append(float(numpy.abs(u.astype(numpy.int16) - 128).mean()
                                 + numpy.abs(v.astype(numpy.int16) - 128).mean()))

    def add(self, luma, width, height, now_ms):
        self.width, self.height = width, height
        self.frames += 1
        stamp = decode_stamp(luma, width, height)
        if stamp is None:
            self.timeline.add(now_ms)
            return
        counter, capture_ms = stamp
        self.stamped += 1
        if self.last_counter is not None and counter <= self.last_counter:
            self.out_of_order += 1
        self.last_counter = counter
        self.timeline.add(now_ms, now_ms - capture_ms)
        self.stamps_tail = (self.stamps_tail + [[counter, capture_ms]])[-20:]

    def summary(self):
        return dict({"stream": self.name, "mid": self.mid, "width": self.width, "height": self.height,
                     "frames": self.frames, "stamped": self.stamped,
                     "in_order": self.out_of_order == 0, "out_of_order": self.out_of_order,
                     "chroma": round(sum(self.chroma) / len(self.chroma), 2) if self.chroma else None,
                     "stamps_tail": self.stamps_tail}, **self.timeline.summary())


async def consume(track, stats, warmup, seconds):
    """Receives frames of one track: drops `warmup` s after the first frame, then measures `seconds` s."""
    first = None
    while True:
        try:
            frame = await track.recv()
        except MediaStreamError:
            return
        now = time.time()
        if first is None:
            first = now
            LOG.info("stream %s (mid %s): first frame %dx%d", stats.name, stats.mid, frame.width, frame.height)
        if now - first < warmup:
            continue
        if now - first >= warmup + seconds:
            return
        # the Y plane of the decoded yuv420p frame; only the stamp band is read
        luma = plane_rows(frame.planes[0], (2 * frame.height + 15) // 30)
        stats.add(luma, frame.width, frame.height, int(now * 1000))
        if stats.frames % 10 == 1:  # now and then: how colourful the picture is (tells colour from infrared)
            u, v = frame.planes[1], frame.planes[2]
            stats.add_chroma(plane_rows(u, u.height)[:, :u.width], plane_rows(v, v.height)[:, :v.width])


def plane_rows(plane, rows):
    """The first `rows` rows of a decoded picture plane as a 2-D array (columns = the plane's stride)."""
    return numpy.frombuffer(plane, numpy.uint8, count=plane.line_size * rows).reshape(rows, plane.line_size)


# --- Signaling (PROTOCOL.md section 3) ----------------------------------------------------------

class ProtocolError(Exception):
    pass


async def next_message(ws, timeout):
    """The next JSON message; a server `error` ends the run (this script never sends anything bad)."""
    message = json.loads(await asyncio.wait_for(ws.recv(), timeout))
    if message.get("type") == "error":
        raise ProtocolError("server error %s for %s: %s" % (message.get("code"), message.get("ref"),
                                                          message.get("message")))
    return message


async def await_type(ws, wanted, timeout, accept=lambda m: True):
    deadline = time.monotonic() + timeout
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise ProtocolError("no %s message within %s s" % (wanted, timeout))
        message = await next_message(ws, left)
        if message.get("type") == wanted and accept(message):
            return message


def ice_servers(registered):
    servers = []
    for s in registered.get("ice_servers", []):
        servers.append(RTCIceServer(urls=s["urls"], username=s.get("username"), credential=s.get("credential")))
    return servers


async def run(args):
    url = args.server.rstrip("/") + "/ws/receiver"
    if args.token:
        url += "?token=" + quote(args.token)
    async with websockets.connect(url, max_size=262144) as ws:
        registered = await await_type(ws, "registered", args.timeout)
        LOG.info("registered as %s", registered["receiver_id"])
        sender = await await_type(ws, "sender", args.timeout,
                                  lambda m: m.get("name") == args.sender and "streams" in m)
        sender_id = sender["sender_id"]
        announced = {s["name"]: s for s in sender["streams"]}
        LOG.info("sender %s (%s) announces %s", args.sender, sender_id, sorted(announced))

        request = {"type": "request_offer", "sender_id": sender_id}
        wanted = args.streams or [name for name, s in announced.items() if "transport" not in s or handles(s)]
        if args.streams or len(wanted) < len(announced):  # absent = all, data channels included (section 8)
            request["streams"] = wanted
        await ws.send(json.dumps(request))
        depth = {name: DepthStream(name, announced[name], args.warmup, args.seconds, args.depth_pattern)
                 for name in wanted if handles(announced.get(name, {}))}
        offer = await await_type(ws, "offer", args.timeout, lambda m: m.get("sender_id") == sender_id)
        session_id = offer.get("session_id")
        names_by_mid = {s["mid"]: s["name"] for s in offer["streams"]}
        LOG.info("offer for session %s, streams by mid %s", session_id, names_by_mid)

        pc = RTCPeerConnection(RTCConfiguration(iceServers=ice_servers(registered)))
        depth_done = receive_depth(pc, depth)
        try:
            await pc.setRemoteDescription(RTCSessionDescription(sdp=offer["offer"]["sdp"], type="offer"))
            await pc.setLocalDescription(await pc.createAnswer())  # gathers every candidate (non-trickle)
            answer = {"type": "answer", "sender_id": sender_id,
                      "answer": {"type": pc.localDescription.type, "sdp": pc.localDescription.sdp}}
            if session_id is not None:
                answer["session_id"] = session_id
            await ws.send(json.dumps(answer))

            consumers = []
            all_stats = []
            for transceiver in pc.getTransceivers():
                if transceiver.kind != "video":
                    continue
                name = names_by_mid.get(transceiver.mid)
                if name is None:
                    raise ProtocolError("offer has m-line mid %s that `streams` does not name" % transceiver.mid)
                stats = StreamStats(name, transceiver.mid)
                all_stats.append(stats)
                consumers.append(asyncio.ensure_future(
                    consume(transceiver.receiver.track, stats, args.warmup, args.seconds)))
            consumers.extend(depth_done)
            _, late = await asyncio.wait(consumers, timeout=args.timeout + args.warmup + args.seconds)
            for task in late:  # a stream that never got going: report what it has
                LOG.warning("stream still receiving at the end of the run; stopping it")
                task.cancel()

            hangup = {"type": "hangup", "sender_id": sender_id}
            if session_id is not None:
                hangup["session_id"] = session_id
            await ws.send(json.dumps(hangup))
        finally:
            await pc.close()

    usage = resource.getrusage(resource.RUSAGE_SELF)
    for stats in all_stats:
        summary = stats.summary()
        announced_size = announced.get(stats.name, {})
        summary["announced"] = {"width": announced_size.get("width"), "height": announced_size.get("height")}
        summary["process_cpu_s"] = round(usage.ru_utime + usage.ru_stime, 2)
        print(json.dumps(summary), flush=True)
    for stream in depth.values():
        print(json.dumps(dict(stream.summary(), process_cpu_s=round(usage.ru_utime + usage.ru_stime, 2))), flush=True)
    return 0 if all(s.frames > 0 for s in all_stats + list(depth.values())) else 1


def receive_depth(pc, depth):
    """Takes each requested depth stream's data channel (found by label, section 8); returns one future per
    stream, done when its measuring window is over."""
    loop = asyncio.get_running_loop()
    done = {name: loop.create_future() for name in depth}

    @pc.on("datachannel")
    def on_datachannel(channel):
        stream = depth.get(channel.label)
        if stream is None:
            LOG.warning("data channel %r is no requested depth stream; ignored", channel.label)
            return
        LOG.info("data channel %s open", channel.label)
        stream.opened(channel.ordered, channel.maxRetransmits, channel.maxPacketLifeTime)

        @channel.on("message")
        def on_message(message):
            if stream.add(message, time.time()) and not done[channel.label].done():
                done[channel.label].set_result(None)

    return list(done.values())


def main():
    parser = argparse.ArgumentParser(description="aiortc receiver for a camrtc sender (PROTOCOL.md v1)")
    parser.add_argument("--server", required=True, help="signaling server base URL, e.g. ws://127.0.0.1:8080")
    parser.add_argument("--sender", required=True, help="the sender's name")
    parser.add_argument("--streams", nargs="+",
                        help="stream names to request (default: every video and 16UC1 data-channel stream)")
    parser.add_argument("--token", help="access token, when the server has one")
    parser.add_argument("--depth-pattern", action="store_true",
                        help="check every depth_z16 pixel against the PROTOCOL.md 8 test pattern")
    parser.add_argument("--warmup", type=float, default=1.0, help="seconds after the first frame not measured")
    parser.add_argument("--seconds", type=float, default=5.0, help="seconds measured after the warm-up")
    parser.add_argument("--timeout", type=float, default=15.0, help="seconds allowed for each signaling step")
    parser.add_argument("--verbose", action="store_true",
                        help="log each step (INFO); by default only warnings and errors, as tests log")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, stream=sys.stderr,
                        format="%(asctime)s aiortc_receiver %(levelname)s %(message)s")
    try:
        return asyncio.run(run(args))
    except (ProtocolError, asyncio.TimeoutError, OSError, websockets.WebSocketException) as e:
        LOG.error("%s", e or type(e).__name__)
        return 2


if __name__ == "__main__":
    sys.exit(main())
