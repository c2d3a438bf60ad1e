// A load client in its own process: it connects N sockets, then writes one request on each in
// the same tick, so the server (in another process, as in real life) reads them in one turn.
import { connect } from 'node:net';

const [port, count] = process.argv.slice(2).map(Number);
const sockets = await Promise.all(
  Array.from({ length: count }, () => new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
  })),
);
const replies = sockets.map((socket) => new Promise((resolve) => {
  let text = '';
  socket.on('data', (d) => (text += d.toString('latin1')));
  socket.on('close', () => resolve(text));
  socket.on('error', () => resolve(text));
}));
sockets.forEach((socket, i) => socket.write(`GET /pb?click_id=burst-${i} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`));
process.stdout.write(JSON.stringify(await Promise.all(replies)));
