import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';

const ROW_HEIGHT = 18;
const PER_ROW = 16;
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function rowText(bytes: Uint8Array, row: number): { offset: string; hex: string; ascii: string } {
  const start = row * PER_ROW;
  const end = Math.min(start + PER_ROW, bytes.length);
  let hex = '';
  let ascii = '';
  for (let i = start; i < start + PER_ROW; i++) {
    if (i === start + 8) hex += ' ';
    if (i < end) {
      const b = bytes[i]!;
      hex += `${HEX[b]} `;
      ascii += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '·';
    } else {
      hex += '   ';
    }
  }
  return { offset: start.toString(16).padStart(8, '0'), hex, ascii };
}

/** Offset | bytes | ASCII, virtualized: megabytes of binary render as fast as a few lines. */
export function HexView({ bytes, label }: { bytes: Uint8Array; label: string }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const rows = Math.ceil(bytes.length / PER_ROW);
  const virtualizer = useVirtualizer({
    count: rows,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
  });
  if (bytes.length === 0) return <p className="muted pad">No bytes.</p>;
  return (
    <div className="code-view hex-view" ref={scrollRef} tabIndex={0} role="region" aria-label={label} data-testid="hex-view">
      <div className="code-inner" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const r = rowText(bytes, item.index);
          return (
            <div key={item.index} className="code-line" style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}>
              <span className="hex-offset">{r.offset}</span>
              <span className="hex-bytes">{r.hex}</span>
              <span className="hex-ascii">{r.ascii}</span>
            </div>
          );
        })}
      </div>
    </div>
  );
}
