/**
 * The camera at the door. Reads a QR code a few times a second and hands over the text; while
 * the organizer deals with a result it stops reading. When the camera cannot be used (refused,
 * missing, or the page is not on a secure address) it says how to fix that, and a photo of
 * the code or the team's name typed below still work.
 */
import { type ChangeEvent, useCallback, useEffect, useRef, useState } from "react";
import { type CodeSource, qrReader } from "./qrDecoder";

type Camera = "off" | "starting" | "on" | "denied" | "insecure" | "missing";

const READ_EVERY_MS = 250;

/** How the viewfinder looks: the picture, a button over a dark box, or the words of a problem. */
const VIEW: Record<Camera, "on" | "off" | "problem"> = {
  off: "off",
  starting: "off",
  on: "on",
  denied: "problem",
  insecure: "problem",
  missing: "problem",
};

export function Scanner({ paused, onCode }: { paused: boolean; onCode: (text: string) => void }) {
  const video = useRef<HTMLVideoElement>(null);
  const stream = useRef<MediaStream | null>(null);
  const [camera, setCamera] = useState<Camera>("off");
  const [photoProblem, setPhotoProblem] = useState<string | null>(null);
  const latest = useRef(onCode);
  latest.current = onCode;

  const stop = useCallback(() => {
    for (const track of stream.current?.getTracks() ?? []) track.stop();
    stream.current = null;
  }, []);
  // The camera's light goes off when the organizer leaves the page.
  useEffect(() => stop, [stop]);

  async function start() {
    if (!window.isSecureContext || !navigator.mediaDevices?.getUserMedia) {
      setCamera("insecure");
      return;
    }
    setCamera("starting");
    try {
      const media = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: "environment" },
        audio: false,
      });
      stream.current = media;
      if (video.current) {
        video.current.srcObject = media;
        await video.current.play();
      }
      setCamera("on");
    } catch (error) {
      stop();
      const name = error instanceof DOMException ? error.name : "";
      setCamera(name === "NotAllowedError" || name === "SecurityError" ? "denied" : "missing");
    }
  }

  // Reads frames while the camera is on and no result is waiting.
  useEffect(() => {
    if (camera !== "on" || paused) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      if (!live || !video.current) return;
      try {
        const read = await qrReader();
        const text = await read(video.current);
        if (!live) return;
        if (text) {
          latest.current(text);
          return;
        }
      } catch {
        // A frame that could not be read: try the next one.
      }
      if (live) timer = setTimeout(tick, READ_EVERY_MS);
    };
    tick();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [camera, paused]);

  async function readPhoto(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = "";
    if (!file) return;
    setPhotoProblem(null);
    try {
      const picture: CodeSource = await createImageBitmap(file);
      const text = await (await qrReader())(picture);
      if (text) latest.current(text);
      else
        setPhotoProblem(
          "We couldn't find a QR code in that photo. Hold the badge flat, fill the photo with the code, and try again.",
        );
    } catch {
      setPhotoProblem("That file isn't a photo we can read. Try another photo.");
    }
  }

  return (
    <div className="checkin-scanner">
      <div className={`checkin-viewfinder checkin-viewfinder-${VIEW[camera]}`}>
        <video ref={video} className="checkin-video" muted playsInline aria-label="Camera" />
        {camera !== "on" && (
          <div className="checkin-camera-off">
            {camera === "off" || camera === "starting" ? (
              <button
                type="button"
                className="btn btn-primary btn-large"
                disabled={camera === "starting"}
                onClick={start}
              >
                {camera === "starting" ? "Starting the camera…" : "Start the camera"}
              </button>
            ) : (
              <CameraProblem camera={camera} retry={start} />
            )}
          </div>
        )}
      </div>
      {camera === "on" && (
        <p className="checkin-aim" aria-live="polite">
          {paused
            ? "Reading paused while you check this team in."
            : "Hold a badge or a team's QR code in front of the camera."}
        </p>
      )}
      <label className="btn btn-secondary checkin-photo">
        Take or choose a photo of the code
        <input
          type="file"
          accept="image/*"
          capture="environment"
          className="checkin-photo-input"
          onChange={readPhoto}
        />
      </label>
      {photoProblem && (
        <p className="field-error" role="alert">
          {photoProblem}
        </p>
      )}
    </div>
  );
}

function CameraProblem({ camera, retry }: { camera: Camera; retry: () => void }) {
  return (
    <div className="checkin-camera-problem" role="alert">
      {camera === "denied" && (
        <>
          <p>
            <strong>The camera is blocked for this page.</strong>
          </p>
          <p>
            To allow it, tap the camera or padlock sign next to the web address, set Camera to
            "Allow", then press "Try the camera again". On an iPhone: Settings, then Safari, then
            Camera, then "Allow".
          </p>
        </>
      )}
      {camera === "insecure" && (
        <p>
          This browser only lets pages use the camera on a secure (https) address or on this
          computer. Take a photo of the code instead, or type the team's name below.
        </p>
      )}
      {camera === "missing" && (
        <p>We couldn't find a camera on this device, or another app is using it.</p>
      )}
      <p>You can always type the team's name below instead.</p>
      {camera !== "insecure" && (
        <button type="button" className="btn btn-secondary" onClick={retry}>
          Try the camera again
        </button>
      )}
    </div>
  );
}
