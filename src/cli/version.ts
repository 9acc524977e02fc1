import * as fs from 'fs';
import * as path from 'path';
import { findExtensionRoot } from '../node/paths';

export function packageVersion(): string {
  try {
    return JSON.parse(fs.readFileSync(path.join(findExtensionRoot(), 'package.json'), 'utf8')).version;
  } catch {
    return '0.0.0';
  }
}
