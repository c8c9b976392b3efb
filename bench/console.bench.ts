/**
 * Console benchmark (issue 7): frames per second and input-to-echo latency against a lab host over loopback SSH,
 * through the real session layer and ConsoleService. Run by `npm run bench -- console` (scripts/bench.mjs),
 * which puts the section it reports into docs/benchmarks.md.
 */
import { resolve } from 'node:path';
import { setLogSink } from '../electron/main/app/logger';
import { report } from './bench-util';
import { diffPixels, keepAlive, startConsoleLab, until } from '../test/integration/console/console-harness';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

export async function run(): Promise<string> {
  const c = await startConsoleLab();
  try {
    const { vms } = await c.service.listVms(c.hostId);
    const vm = vms.find((v) => v.name === 'LNX1' && v.state === 'Running');
    if (!vm) throw new Error('no running VM in the lab scenario');
    // Open both read-lane sessions first, so the first key press does not pay for a new PSSession.
    await Promise.all([c.service.listVms(c.hostId), c.service.listVms(c.hostId)]);
    const opened = await c.service.open('bench', c.hostId, vm.vmId);
    const stopKeepAlive = keepAlive(c.service, 'bench', opened.streamId);
    await until('first frame', () => c.frames[0], 30_000);
    await sleep(1500); // warm-up: sessions, JIT, boot text

    // 1. Idle screen: every answer is a full capture + hash on the host; unchanged frames skip the transfer.
    const s0 = c.service.stats('bench').streams[0]!;
    const t0 = Date.now();
    await sleep(10_000);
    const s1 = c.service.stats('bench').streams[0]!;
    const idleFps = ((s1.framesSent + s1.framesUnchanged - s0.framesSent - s0.framesUnchanged) * 1000) / (Date.now() - t0);

    // 2. Input-to-echo: type one character, time until the first frame that differs from the last one before.
    //    The first key is reported on its own: it pays for loading the lab's CIM modules in the session that
    //    types (a one-off per session), which would otherwise be the p95 of 20 samples.
    const echo = async (ch: string) => {
      const before = c.frames[c.frames.length - 1]!;
      const started = performance.now();
      await c.service.sendKeys('bench', opened.streamId, [{ kind: 'text', text: ch }], false);
      await until('echo', () => c.frames.find((f) => f.seq > before.seq && diffPixels(f.bytes, before.bytes) > 0), 10_000);
      return performance.now() - started;
    };
    const firstKey = await echo('z');
    await sleep(100);
    const latencies: number[] = [];
    for (let i = 0; i < 20; i++) {
      latencies.push(await echo(String.fromCharCode(97 + (i % 26))));
      await sleep(100);
    }

    // 3. Changing screen: a key every 100 ms, so most frames carry new pixels over the wire.
    const f0 = c.service.stats('bench').streams[0]!;
    const t1 = Date.now();
    let typing = true;
    const typer = (async () => {
      for (let i = 0; typing; i++) {
        await c.service.sendKeys('bench', opened.streamId, [{ kind: 'text', text: 'x' }], false);
        await sleep(100);
      }
    })();
    await sleep(10_000);
    typing = false;
    await typer;
    const f1 = c.service.stats('bench').streams[0]!;
    const secs = (Date.now() - t1) / 1000;
    const busyFps = (f1.framesSent + f1.framesUnchanged - f0.framesSent - f0.framesUnchanged) / secs;
    const sentFps = (f1.framesSent - f0.framesSent) / secs;
    stopKeepAlive();
    await c.service.close('bench', opened.streamId);

    const fmt = (n: number) => n.toFixed(1);
    const lines = [
      `Measured ${new Date().toISOString().slice(0, 10)} on this machine (2 shared cores), one lab host over loopback SSH,`,
      `VM "${vm.name}" at ${opened.width}x${opened.height}, through the real session layer (read lane) and ConsoleService.`,
      '',
      '| measure | value | target |',
      '|---|---|---|',
      `| frames/s, idle screen (capture + hash on the host, unchanged frames not transferred) | ${fmt(idleFps)} | ≥ 10 |`,
      `| frames/s, screen changing (a key every 100 ms) | ${fmt(busyFps)} (${fmt(sentFps)} with new pixels) | ≥ 10 |`,
      `| input-to-echo latency, median (20 keys after the first) | ${fmt(pct(latencies, 50))} ms | < 150 ms |`,
      `| input-to-echo latency, p95 (20 keys after the first) | ${fmt(pct(latencies, 95))} ms | |`,
      `| input-to-echo latency, first key of the console (loads the lab's CIM modules in the typing session) | ${fmt(firstKey)} ms | |`,
    ];
    return lines.join('\n');
  } finally {
    await c.dispose();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(__filename)) {
  setLogSink(() => undefined);
  run().then(
    (body) => report(`## Console (issue 7)\n\n${body}`),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
