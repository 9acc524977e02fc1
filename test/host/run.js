#!/usr/bin/env node
// Runs the integration tests inside a real VS Code extension host.
//
// Here (no VS Code download possible) the host is code-server 4.100.3 — the real
// VS Code 1.100.3 server and workbench — driven by headless Debian chromium; it is
// installed by test/host/setup.sh and handed to @vscode/test-electron as its
// `vscodeExecutablePath` through runner/code-shim.sh. On a developer machine
// with internet, GONGWEN_TEST_DOWNLOAD=1 uses test-electron's own VS Code download
// instead. If no VS Code can be had, this fails loudly: it never skips.
//
// Three runs: the extension from source (test/integration/*.test.ts), then the
// packaged .vsix installed into the host (test/integration/vsix-probe), then the
// extension from source in a workspace that is NOT trusted (workspace trust left
// on, test/integration/untrusted on test/integration/untrusted-workspace).
'use strict';
const path = require('path');
const fs = require('fs');
const { spawnSync } = require('child_process');
const { runTests } = require('@vscode/test-electron');

const root = path.resolve(__dirname, '..', '..');
const shim = path.join(__dirname, 'runner', 'code-shim.sh');
const workspace = path.join(root, 'test', 'integration', 'workspace');
const testsIndex = path.join(root, 'out', 'test', 'integration', 'index.js');

function fail(msg) {
  console.error(`[integration] ${msg}`);
  process.exit(1);
}

async function main() {
  if (!fs.existsSync(testsIndex)) {
    fail(`missing ${path.relative(root, testsIndex)}: run \`npm run build\` first`);
  }
  const download = process.env.GONGWEN_TEST_DOWNLOAD === '1';
  let vscodeExecutablePath;
  if (!download) {
    const setup = spawnSync('bash', [path.join(__dirname, 'setup.sh')], { stdio: 'inherit' });
    if (setup.status !== 0) {
      fail('could not set up the VS Code test host (code-server + chromium). On a machine with internet, GONGWEN_TEST_DOWNLOAD=1 npm run test:integration uses a downloaded VS Code instead.');
    }
    vscodeExecutablePath = shim;
  }
  const only = process.argv[2];
  const runs = [
    {
      name: 'extension from source',
      extensionDevelopmentPath: root,
      extensionTestsPath: testsIndex,
      env: {},
    },
  ];
  const untrusted = {
    name: 'untrusted workspace',
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'out', 'test', 'integration', 'untrusted', 'index.js'),
    workspace: path.join(root, 'test', 'integration', 'untrusted-workspace'),
    trusted: false,
    env: { GONGWEN_WORKSPACE_TRUST: '1' },
  };
  const vsix = path.join(root, 'gongwen.vsix');
  if (download) {
    console.warn('[integration] WARNING: GONGWEN_TEST_DOWNLOAD=1 runs the extension from source only; the packaged-.vsix run needs the code-server host (npm run test:integration without it).');
  } else {
    if (!fs.existsSync(vsix)) {
      fail('missing gongwen.vsix: run `npm run package` first');
    }
    runs.push({
      name: 'packaged .vsix installed into the host',
      extensionDevelopmentPath: path.join(root, 'test', 'integration', 'vsix-probe'),
      extensionTestsPath: path.join(root, 'out', 'test', 'integration', 'vsix-probe', 'index.js'),
      env: { GONGWEN_INSTALL_VSIX: vsix },
    });
  }
  runs.push(untrusted);
  let failed = 0;
  for (const run of runs) {
    if (only && !run.name.includes(only)) {
      continue;
    }
    console.log(`[integration] ${run.name}`);
    try {
      const code = await runTests({
        ...(vscodeExecutablePath ? { vscodeExecutablePath } : { version: '1.100.3' }),
        extensionDevelopmentPath: run.extensionDevelopmentPath,
        extensionTestsPath: run.extensionTestsPath,
        extensionTestsEnv: { ...run.env, GONGWEN_STATS_FILE: path.join(root, 'out', 'test', 'stats', `integration-${runs.indexOf(run) + 1}.json`) },
        launchArgs: [run.workspace || workspace, '--disable-extensions', ...(run.trusted === false ? [] : ['--disable-workspace-trust'])],
      });
      if (code !== 0) {
        failed++;
      }
    } catch (e) {
      console.error(`[integration] ${run.name}: ${e && e.message ? e.message : e}`);
      failed++;
    }
  }
  if (failed) {
    fail(`${failed} integration run(s) failed`);
  }
  console.log('[integration] all runs passed');
}

main().catch(e => fail(e && e.stack ? e.stack : String(e)));
