import { readFileSync, writeFileSync } from 'node:fs';
import { chatgptThread } from '../bench/chat-thread';
import { launchChromium } from '../bench/support';

const script = readFileSync('.output/chrome-mv3/capture.js', 'utf8');
const browser = await launchChromium();
const page = await browser.newPage();
const html = chatgptThread(2000);
await page.route('https://chatgpt.com/**', (route) => route.fulfill({ contentType: 'text/html', body: html }));
await page.goto('https://chatgpt.com/c/bench');
const time = () => page.evaluate(async (source) => { const t = performance.now(); await (0, eval)(source); return performance.now() - t; }, script);
console.log('warm', await time(), await time());
const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
await cdp.send('Profiler.start');
console.log('profiled', await time());
const { profile } = await cdp.send('Profiler.stop');
// self time per function
const self = new Map<string, number>();
const dt = profile.timeDeltas!;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const counts = new Map<number, number>();
profile.samples!.forEach((id, i) => counts.set(id, (counts.get(id) ?? 0) + (dt[i] ?? 0)));
for (const [id, us] of counts) {
  const n = byId.get(id)!;
  const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}:${n.callFrame.columnNumber}`;
  self.set(key, (self.get(key) ?? 0) + us / 1000);
}
console.log([...self].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${v.toFixed(1).padStart(8)} ms  ${k}`).join('\n'));
writeFileSync('/tmp/capture.cpuprofile', JSON.stringify(profile));
await browser.close();
