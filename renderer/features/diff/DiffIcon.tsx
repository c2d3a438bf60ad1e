import { StrokeIcon } from '../../components/Icon';

/** The Diff feature's few extra icons, drawn like components/Icon (24×24 stroke). */
const PATHS = {
  swap: 'M7 4L3 8l4 4M3 8h14M17 12l4 4-4 4M21 16H7',
  pin: 'M9 3h6M10 3v6l-4 4h12l-4-4V3M12 13v8',
  up: 'M12 19V5M6 11l6-6 6 6',
  down: 'M12 5v14M6 13l6 6 6-6',
  compare: 'M8 3v12M4 7h8M16 9v12M12 17h8',
  doc: 'M6 3h9l4 4v14H6zM14 3v5h5M9 13h7M9 17h7',
} as const;

export type DiffIconName = keyof typeof PATHS;

export function DiffIcon({ name, size = 14 }: { name: DiffIconName; size?: number }) {
  return <StrokeIcon d={PATHS[name]} size={size} />;
}
