import { detectCurrentPlan } from '../rules/detectors/currentPlan';
import { FORMULATION_DETECTORS } from '../rules/detectors';
import { detectIdeologyOrder } from '../rules/detectors/ideologyOrder';
import { detectResidue } from '../corpus/residue';
import { STRUCTURE_DETECTORS } from '../structure';
import { detectPlaceholders } from './placeholder';
import { TEXT_DETECTORS } from './textDetectors';
import type { Detector } from './types';

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
