import { detectPlaceholders } from './placeholder';
import type { Detector } from './types';

/**
 * Procedural detectors by name. A rule in data/rules/*.yaml names one with
 * `detector: <name>` (and optional `params`); the rule supplies id, category,
 * severity, message and inline tests.
 */
export const DETECTORS: Readonly<Record<string, Detector>> = {
  placeholder: doc => detectPlaceholders(doc),
};
