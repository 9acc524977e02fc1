// Removes the previous run's per-stage test counts (out/test/stats).
'use strict';
require('fs').rmSync(require('path').resolve(__dirname, '..', '..', 'out', 'test', 'stats'), { recursive: true, force: true });
