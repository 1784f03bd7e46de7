// A one-line progress bar on stderr for long loads: phase, bar, count, elapsed time.
// Without a terminal (CI logs) it prints a line per tenth instead of redrawing.
export function progressBar(total: number) {
  const started = Date.now();
  const tty = process.stderr.isTTY;
  let done = 0;
  let lastTenth = -1;
  const elapsed = () => {
    const seconds = Math.round((Date.now() - started) / 1000);
    return `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, "0")}s`;
  };
  return {
    advance(units: number, phase: string) {
      done = Math.min(total, done + units);
      const share = total === 0 ? 1 : done / total;
      const width = 30;
      const filled = Math.round(share * width);
      const line = `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${String(Math.floor(share * 100)).padStart(3)}%  ${phase.padEnd(34)} ${elapsed()}`;
      if (tty) process.stderr.write(`\r${line}`);
      else if (Math.floor(share * 10) > lastTenth) {
        lastTenth = Math.floor(share * 10);
        process.stderr.write(`${line}\n`);
      }
    },
    finish() {
      if (tty) process.stderr.write("\n");
      return elapsed();
    },
  };
}
