// `npm run bench`: bundles the benchmark with esbuild — the way the extension and the CLI
// are bundled — and runs it, so the figures are those of the shipped code.
const esbuild = require('esbuild');
const path = require('path');
const { spawnSync } = require('child_process');

const root = path.join(__dirname, '..', '..');
const outfile = path.join(root, 'out', 'bench', 'index.js');
esbuild.buildSync({
  entryPoints: [path.join(__dirname, 'index.ts')],
  bundle: true,
  platform: 'node',
  packages: 'external',
  target: 'node20',
  sourcemap: true,
  outfile,
  logLevel: 'warning',
});
const r = spawnSync(process.execPath, ['--expose-gc', '--enable-source-maps', outfile, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
