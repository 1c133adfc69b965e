"""Arrival times and latencies of one received stream: frame rate, best-window rate, gaps, percentiles."""


class Timeline:

    def __init__(self):
        self.arrivals = []
        self.latencies = []
        self.longest_gap_ms = 0

    def add(self, now_ms, latency_ms=None):
        if self.arrivals:
            self.longest_gap_ms = max(self.longest_gap_ms, now_ms - self.arrivals[-1])
        self.arrivals.append(now_ms)
        if latency_ms is not None:
            self.latencies.append(latency_ms)

    def fps(self):
        if len(self.arrivals) < 2 or self.arrivals[-1] <= self.arrivals[0]:
            return 0.0
        return (len(self.arrivals) - 1) * 1000.0 / (self.arrivals[-1] - self.arrivals[0])

    def best_window_fps(self, window_ms=2000):
        """The highest frame rate over any `window_ms` stretch (a shared machine may stall a stretch)."""
        best, start = 0, 0
        for end, at in enumerate(self.arrivals):
            while at - self.arrivals[start] > window_ms:
                start += 1
            if self.arrivals[-1] - self.arrivals[0] >= window_ms:
                best = max(best, end - start)
        return best * 1000.0 / window_ms

    def percentile(self, p):
        if not self.latencies:
            return None
        ordered = sorted(self.latencies)
        index = max(0, min(len(ordered) - 1, -(-len(ordered) * p // 100) - 1))
        return ordered[int(index)]

    def summary(self):
        return {"fps": round(self.fps(), 1), "best_2s_fps": round(self.best_window_fps(), 1),
                "longest_gap_ms": self.longest_gap_ms, "latency_p50_ms": self.percentile(50),
                "latency_p95_ms": self.percentile(95), "latency_p99_ms": self.percentile(99)}
