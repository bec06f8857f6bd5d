import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { deflateSync } from 'node:zlib';

/** A valid PNG of w×h solid pixels, made here so tests need no binary fixture. */
export function png(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, 0x7f)]);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A loopback server standing in for the outside world's image hosts. */
export async function startImageHost(): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const ok = png(40, 30);
  const other = png(20, 10);
  const server = createServer((req, res) => {
    switch (req.url) {
      case '/ok.png':
        return res.writeHead(200, { 'content-type': 'image/png', 'content-length': ok.length }).end(ok);
      case '/other.png':
        return res.writeHead(200, { 'content-type': 'image/png', 'content-length': other.length }).end(other);
      case '/big.png':
        // Over 5 MB, with no Content-Length: the limit must hold while streaming.
        res.writeHead(200, { 'content-type': 'image/png' });
        for (let i = 0; i < 7; i++) res.write(Buffer.alloc(1024 * 1024));
        return res.end();
      case '/page.html':
        return res.writeHead(200, { 'content-type': 'text/html' }).end('<script>alert(1)</script>');
      case '/drawing.svg':
        return res
          .writeHead(200, { 'content-type': 'image/svg+xml' })
          .end('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>');
      case '/loop':
        return res.writeHead(302, { location: '/loop' }).end();
      default:
        return res.writeHead(404).end();
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    server,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
