import { useState } from 'react';

const KEY = 'pi.raw.wrap';

/**
 * Raw tab line wrapping, on by default (a postback's request line is one long URL that would
 * otherwise run off screen); remembered so someone who prefers scrolling sideways keeps it.
 */
export function useWrapPreference(): [boolean, (on: boolean) => void] {
  const [wrap, setWrapState] = useState(() => readPreference());
  const setWrap = (on: boolean): void => {
    setWrapState(on);
    try {
      localStorage.setItem(KEY, on ? '1' : '0');
    } catch {
      // storage unavailable (private mode): the choice lasts for this view only
    }
  };
  return [wrap, setWrap];
}

function readPreference(): boolean {
  try {
    return localStorage.getItem(KEY) !== '0';
  } catch {
    return true;
  }
}
