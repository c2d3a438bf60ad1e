import { createStore } from 'zustand/vanilla';

/** One shared ticking "now" so relative times refresh without a timer per row. */
export const clockStore = createStore<number>(() => Date.now());

let timer: ReturnType<typeof setInterval> | undefined;

export function startClock(): () => void {
  timer ??= setInterval(() => clockStore.setState(Date.now(), true), 1000);
  return () => {
    clearInterval(timer);
    timer = undefined;
  };
}
