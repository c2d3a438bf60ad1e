import { StrokeIcon } from '../../components/Icon';

/** Icons the shared set does not have, drawn on the same 24×24 stroke grid. */
const PATHS = {
  plus: 'M12 5v14M5 12h14',
  up: 'M6 15l6-6 6 6',
  down: 'M6 9l6 6 6-6',
  grip: 'M9 6h.01M15 6h.01M9 12h.01M15 12h.01M9 18h.01M15 18h.01',
  upload: 'M12 21V9M7 14l5-5 5 5M5 3h14',
  reset: 'M4 4v6h6M20 12a8 8 0 0 1-14.9 4M4 10a8 8 0 0 1 15-2',
  duplicate: 'M8 8h12v12H8zM4 16V4h12',
  external: 'M14 4h6v6M20 4l-9 9M18 14v6H4V6h6',
  preset: 'M4 4h7l9 9-7 7-9-9zM8 8h.01',
  save: 'M5 4h11l4 4v12H4V4zM8 4v5h7M8 20v-6h8v6',
  alert: 'M12 3l10 18H2zM12 10v5M12 18h.01',
} as const;

export type EpIconName = keyof typeof PATHS;

export function EpIcon({ name, size = 14 }: { name: EpIconName; size?: number }) {
  // Dots need a heavier stroke to read as dots.
  return <StrokeIcon d={PATHS[name]} size={size} strokeWidth={name === 'grip' ? 3 : 1.8} />;
}
