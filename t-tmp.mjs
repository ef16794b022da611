const { PGlite } = await import('@electric-sql/pglite');
const dir = process.argv[2];
for (let i = 0; i < 3; i++) {
  for (const sb of [null, '16MB']) {
    const t = performance.now();
    const opts = sb ? { startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${sb}`] } : {};
    const pg = await PGlite.create(dir, opts);
    const t1 = performance.now();
    await pg.close();
    console.log(sb ?? 'default', (t1 - t).toFixed(0), 'close', (performance.now() - t1).toFixed(0));
  }
}
