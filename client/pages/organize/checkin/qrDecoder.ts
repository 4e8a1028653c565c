/**
 * Reads QR codes from the camera or a photo: the browser's own BarcodeDetector where it has
 * one (Chrome on Android and macOS), jsQR otherwise (bundled, loaded only when needed).
 */

/** Something to read a code from: a playing video, a picture, a decoded photo. */
export type CodeSource = HTMLVideoElement | ImageBitmap | HTMLImageElement;

export type ReadCode = (source: CodeSource) => Promise<string | null>;

interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: CodeSource): Promise<DetectedBarcode[]>;
}
interface BarcodeDetectorClass {
  new (options: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats(): Promise<string[]>;
}

/** Frames are shrunk to this width before jsQR reads them: plenty for a badge held up close. */
const MAX_WIDTH = 800;

function sizeOf(source: CodeSource): { width: number; height: number } {
  if (source instanceof HTMLVideoElement)
    return { width: source.videoWidth, height: source.videoHeight };
  if (source instanceof HTMLImageElement)
    return { width: source.naturalWidth, height: source.naturalHeight };
  return { width: source.width, height: source.height };
}

async function nativeReader(): Promise<ReadCode | null> {
  const Detector = (globalThis as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  if (!Detector) return null;
  try {
    if (!(await Detector.getSupportedFormats()).includes("qr_code")) return null;
    const detector = new Detector({ formats: ["qr_code"] });
    return async (source) => (await detector.detect(source))[0]?.rawValue ?? null;
  } catch {
    return null;
  }
}

async function jsQrReader(): Promise<ReadCode> {
  const { default: jsQR } = await import("jsqr");
  const canvas = document.createElement("canvas");
  const context = canvas.getContext("2d", { willReadFrequently: true });
  if (!context) throw new Error("This browser can't read pictures.");
  return async (source) => {
    const { width, height } = sizeOf(source);
    if (!width || !height) return null;
    const scale = Math.min(1, MAX_WIDTH / width);
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    context.drawImage(source, 0, 0, canvas.width, canvas.height);
    const image = context.getImageData(0, 0, canvas.width, canvas.height);
    return jsQR(image.data, image.width, image.height)?.data ?? null;
  };
}

let reader: Promise<ReadCode> | null = null;

/** The best reader this browser has; made once. */
export function qrReader(): Promise<ReadCode> {
  reader ??= nativeReader().then((native) => native ?? jsQrReader());
  return reader;
}
