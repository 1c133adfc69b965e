// Calls `onFrame(metadata)` for every frame a <video> presents: requestVideoFrameCallback
// where the browser has it, else a requestAnimationFrame poll of the playback quality.

export function watchFrames(video, onFrame) {
  let stopped = false;
  if ('requestVideoFrameCallback' in HTMLVideoElement.prototype) {
    let handle = 0;
    const step = (now, metadata) => {
      if (stopped) return;
      onFrame(metadata);
      handle = video.requestVideoFrameCallback(step);
    };
    handle = video.requestVideoFrameCallback(step);
    return () => {
      stopped = true;
      video.cancelVideoFrameCallback(handle);
    };
  }
  let last = -1;
  let handle = 0;
  const poll = () => {
    if (stopped) return;
    const quality = video.getVideoPlaybackQuality ? video.getVideoPlaybackQuality() : null;
    const count = quality ? quality.totalVideoFrames : Math.round(video.currentTime * 1000);
    if (video.readyState >= 2 && count !== last) {
      last = count;
      onFrame({ presentedFrames: count, width: video.videoWidth, height: video.videoHeight });
    }
    handle = requestAnimationFrame(poll);
  };
  handle = requestAnimationFrame(poll);
  return () => {
    stopped = true;
    cancelAnimationFrame(handle);
  };
}
