// Preloaded (node --require) into the servers that tests start. Their stdin is a pipe from the test
// process that nobody writes to: its end means that process is gone, even if it was killed with
// SIGKILL or stopped at CI's time limit, where no cleanup of its own runs. The server goes with it.
'use strict';

// Preloads run in worker threads too, where stdin ends at once: only the main thread watches it.
if (require('node:worker_threads').isMainThread) watchParent();

function watchParent() {
  const die = () => process.kill(process.pid, 'SIGKILL');
  process.stdin.on('end', die);
  process.stdin.on('error', die);
  process.stdin.resume();
  // Reading stdin must not keep a server alive that would otherwise exit.
  if (typeof process.stdin.unref === 'function') process.stdin.unref();
}
