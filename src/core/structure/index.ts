import type { Detector, DetectorWords } from '../detectors/types';
import {
  detectAnnouncedCount,
  detectMissingParts,
  detectMixedStyle,
  detectNumbering,
  detectRunOn,
  detectSalutationMark,
  detectTitleStop,
  detectSubtitleRepeat,
  detectSkippedLevel,
  detectWrongMark,
} from './diagnose';
import { ANNOUNCE_WORDS, SEQUENCE_WORDS } from './parse';

export * from './types';
export { parseOutline, getOutline, flattenParts } from './parse';
export { renumberAt, renumberParts, renumberSequence, siblingGroups } from './renumber';
export { genreRegistry, setGenreProfiles, GenreRegistry, type GenreProfile } from './genres';

/** The structure detectors by rule-facing name (data/rules/structure.yaml). */
export const STRUCTURE_DETECTORS: Readonly<Record<string, Detector>> = {
  'structure.announcedCount': doc => detectAnnouncedCount(doc),
  'structure.numbering': doc => detectNumbering(doc),
  'structure.mixedStyle': doc => detectMixedStyle(doc),
  'structure.skippedLevel': doc => detectSkippedLevel(doc),
  'structure.runOn': doc => detectRunOn(doc),
  'structure.salutationMark': doc => detectSalutationMark(doc),
  'structure.titleStop': doc => detectTitleStop(doc),
  'structure.subtitleRepeat': doc => detectSubtitleRepeat(doc),
  'structure.wrongMark': doc => detectWrongMark(doc),
  'structure.missingParts': (doc, params) => detectMissingParts(doc, params),
};

/** Every structure detector reads the outline, whose parse looks for these words (see `DetectorWords`). */
const OUTLINE_WORDS: DetectorWords = () => [SEQUENCE_WORDS, ANNOUNCE_WORDS];
export const STRUCTURE_DETECTOR_WORDS: Readonly<Record<string, DetectorWords>> = Object.fromEntries(
  Object.keys(STRUCTURE_DETECTORS).map(name => [name, OUTLINE_WORDS]),
);
export { outlineToJson, outlineToText, type OutlineJson } from './json';
export { nextNumbers, type NextNumber } from './complete';
export { countHan, speechStats, formatMinutes, type SpeechStats } from './stats';
