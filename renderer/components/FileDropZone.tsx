import { useState, type DragEvent, type ReactNode } from 'react';

const carriesFiles = (event: DragEvent) => Array.from(event.dataTransfer.types).includes('Files');

/**
 * A region files can be dropped on (the Inbox's HAR import, the Composer's Postman import, the
 * Scenarios plan and its files): it outlines itself while files hover, shows `hint` over its
 * content, and hands the dropped files over. Drags that carry no files (text, a row being
 * reordered) pass through untouched. What the files mean, and what to say about them, is the
 * caller's.
 */
export function FileDropZone({ className, hint, onFiles, children, testId }: { className: string; hint: string; onFiles: (files: File[]) => void | Promise<void>; children: ReactNode; testId?: string }) {
  const [over, setOver] = useState(false);
  return (
    <div
      className={`${className} file-drop-zone${over ? ' is-over' : ''}`}
      data-testid={testId}
      onDragOver={(event) => {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setOver(false);
      }}
      onDrop={(event) => {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        setOver(false);
        void onFiles(Array.from(event.dataTransfer.files));
      }}
    >
      {children}
      {over ? <div className="file-drop-hint">{hint}</div> : null}
    </div>
  );
}
