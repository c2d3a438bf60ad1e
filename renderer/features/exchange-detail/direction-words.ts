import type { Direction } from '../../../src/model/exchange';

/**
 * How a detail names its time and its other end. A sent request's "remote" is where it went
 * (the sender stores the destination there), so it reads "Sent … To", never "Received … From".
 */
export function directionWords(direction: Direction): { at: string; peer: string; atTitle: string; peerTitle: string } {
  return direction === 'out'
    ? { at: 'Sent', peer: 'To', atTitle: 'Sent at (local time)', peerTitle: 'Destination host and port' }
    : { at: 'Received', peer: 'From', atTitle: 'Received at (local time)', peerTitle: 'Sender address and port' };
}
