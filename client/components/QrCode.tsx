/** A QR code drawn as SVG. The generator is loaded only when a code is shown. */
import { useEffect, useState } from "react";
import "./QrCode.css";

interface Matrix {
  size: number;
  path: string;
}

async function encode(text: string): Promise<Matrix> {
  const { default: qrcode } = await import("qrcode-generator");
  const qr = qrcode(0, "M");
  qr.addData(text);
  qr.make();
  const size = qr.getModuleCount();
  let path = "";
  for (let row = 0; row < size; row++)
    for (let col = 0; col < size; col++) if (qr.isDark(row, col)) path += `M${col} ${row}h1v1h-1z`;
  return { size, path };
}

export function QrCode({ text, label }: { text: string; label: string }) {
  const [matrix, setMatrix] = useState<Matrix | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let live = true;
    setMatrix(null);
    setFailed(false);
    encode(text)
      .then((m) => live && setMatrix(m))
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, [text]);

  if (failed) return <p className="small muted">The QR code could not be drawn. Use the link.</p>;
  if (!matrix) return <div className="qr qr-loading" role="status" aria-label="Drawing QR code" />;
  const quiet = 4;
  const box = matrix.size + quiet * 2;
  return (
    <svg
      className="qr"
      viewBox={`${-quiet} ${-quiet} ${box} ${box}`}
      role="img"
      aria-label={label}
      shapeRendering="crispEdges"
    >
      <rect x={-quiet} y={-quiet} width={box} height={box} fill="#fff" />
      <path d={matrix.path} fill="#000" />
    </svg>
  );
}
