import { detectCurrentPlan } from '../rules/detectors/currentPlan';
import { FORMULATION_DETECTOR_WORDS, FORMULATION_DETECTORS } from '../rules/detectors';
import { detectIdeologyOrder, FORMS } from '../rules/detectors/ideologyOrder';
import { detectResidue, residueWords } from '../corpus/residue';
import { STRUCTURE_DETECTOR_WORDS, STRUCTURE_DETECTORS } from '../structure';
import { INVALID_DATE_WORDS } from './number';
import { detectPlaceholders } from './placeholder';
import { TEXT_DETECTORS } from './textDetectors';
import type { Detector, DetectorWords } from './types';

/**
 * Procedural detectors by name. A rule in data/rules/*.yaml names one with
 * `detector: <name>` (and optional `params`); the rule supplies id, category,
 * severity, message and inline tests.
 */
export const DETECTORS: Readonly<Record<string, Detector>> = {
  placeholder: doc => detectPlaceholders(doc),
  residue: doc => detectResidue(doc),
  'ideology-order': doc => detectIdeologyOrder(doc),
  'current-plan': (doc, params) => detectCurrentPlan(doc, params),
  ...FORMULATION_DETECTORS,
  ...STRUCTURE_DETECTORS,
  ...TEXT_DETECTORS,
};

/** The words each detector looks for in the whole text, by detector name (see `DetectorWords`). */
export const DETECTOR_WORDS: Readonly<Record<string, DetectorWords>> = {
  'ideology-order': () => [FORMS],
  residue: () => residueWords(),
  'current-plan': params => (params.plan ? [[String(params.plan)]] : []),
  'number.invalid-date': () => [INVALID_DATE_WORDS],
  'number.date-hao': () => [INVALID_DATE_WORDS],
  ...FORMULATION_DETECTOR_WORDS,
  ...STRUCTURE_DETECTOR_WORDS,
};
